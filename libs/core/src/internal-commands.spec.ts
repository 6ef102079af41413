import { validatePayload, type GenericObject, type WrittenObject } from '@kubesim/api';
import { aNode, aPod } from '@kubesim/testing';
import { INTERNAL_COMMAND_NAMES, INTERNAL_COMMANDS, type InternalCommandContext, type InternalCommandName, type InternalPayload } from './internal-commands';
import type { CommandType } from './commands';

const T = '2024-05-01T10:00:00Z';
const pod = aPod('web');
const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'default' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };

/** A valid payload of every command and the core Command it becomes: the compiler asks for each one. */
const EXAMPLES: { [K in InternalCommandName]: [Omit<InternalPayload<K>, 'by'>, CommandType] } = {
  bindPod: [{ namespace: 'default', name: 'web', uid: 'u', node: 'node-1' }, 'BindPod'],
  markPodUnschedulable: [{ namespace: 'default', name: 'web', uid: 'u', message: '0/3 nodes are available' }, 'MarkPodUnschedulable'],
  reportPodStatus: [
    {
      namespace: 'default',
      name: 'web',
      uid: 'u',
      node: 'node-1',
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: T }],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'nginx', imageID: 'docker.io/library/nginx@sha256:1', state: { running: { startedAt: T } }, lastState: {} }],
      },
    },
    'ReportPodStatus',
  ],
  deletePod: [{ namespace: 'default', name: 'web', gracePeriodSeconds: 0 }, 'DeletePod'],
  registerNode: [{ node: aNode('node-1') }, 'RegisterNode'],
  updateNodeSpec: [{ name: 'node-1', spec: { unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] } }, 'UpdateNodeSpec'],
  setNodeCondition: [{ name: 'node-1', condition: { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: T, lastTransitionTime: T } }, 'SetNodeCondition'],
  recordEvent: [{ involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u' }, reason: 'Pulled', message: 'ok', type: 'Normal', component: 'kubelet' }, 'RecordEvent'],
  markPodNodeLost: [{ namespace: 'default', name: 'web', node: 'node-1', policy: 'legacy' }, 'MarkPodNodeLost'],
  setPodCondition: [{ namespace: 'default', name: 'web', condition: { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: T } }, 'SetPodCondition'],
  taintNode: [{ name: 'node-1', taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: T }] }, 'TaintNode'],
  untaintNode: [{ name: 'node-1', taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }, 'UntaintNode'],
  setNodeUnschedulable: [{ name: 'node-1', unschedulable: true }, 'SetNodeUnschedulable'],
  createObject: [{ object: rs }, 'CreateObject'],
  updateObject: [{ object: rs, resourceVersion: '3' }, 'UpdateObject'],
  updateObjectStatus: [{ kind: 'ReplicaSet', namespace: 'default', name: 'rs', status: { replicas: 1, readyReplicas: 1 } }, 'UpdateObjectStatus'],
  deleteObject: [{ kind: 'ReplicaSet', namespace: 'default', name: 'rs' }, 'DeleteObject'],
  updatePodMetadata: [
    { namespace: 'default', name: 'web', uid: 'u', labels: { a: 'b' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'r', controller: true }] },
    'UpdatePodMetadata',
  ],
  recordNodeProcessAction: [{ name: 'node-4', action: 'add', node: { cpu: '2', pods: 10 } }, 'RecordNodeProcessAction'],
  namespaceStatus: [{ name: 'team-a', conditions: [{ type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' }] }, 'SetNamespaceConditions'],
};

const ctx: InternalCommandContext = {
  admitPod: () => pod,
  admitObject: (o: WrittenObject) => o as unknown as GenericObject,
  current: (o: WrittenObject) => o as unknown as GenericObject,
};

const run = <K extends InternalCommandName>(name: K, payload: object) => {
  const checked = validatePayload(INTERNAL_COMMANDS[name].payload as new () => object, { by: 'test', ...payload });
  if (!checked.ok) return checked;
  const out = (INTERNAL_COMMANDS[name].command as (p: object, c: InternalCommandContext) => { type: string } | { type: string }[])(checked.payload, ctx);
  // A command that asks for several (namespaceStatus: conditions, then finalize) is named by its first.
  return { ok: true as const, command: Array.isArray(out) ? out[0] : out };
};

describe('INTERNAL_COMMANDS: one declaration per internal write', () => {
  it('keeps the subjects on the wire as they were, one command each', () => {
    const subjects = Object.fromEntries(INTERNAL_COMMAND_NAMES.map((n) => [n, INTERNAL_COMMANDS[n].subject]));
    expect(subjects).toEqual({
      bindPod: 'kubesim.api.pods.bind',
      markPodUnschedulable: 'kubesim.api.pods.unschedulable',
      reportPodStatus: 'kubesim.api.pods.status',
      deletePod: 'kubesim.api.pods.delete',
      registerNode: 'kubesim.api.nodes.register',
      updateNodeSpec: 'kubesim.api.nodes.spec',
      setNodeCondition: 'kubesim.api.nodes.condition',
      recordEvent: 'kubesim.api.events.record',
      markPodNodeLost: 'kubesim.api.pods.nodelost',
      setPodCondition: 'kubesim.api.pods.condition',
      taintNode: 'kubesim.api.nodes.taint',
      untaintNode: 'kubesim.api.nodes.untaint',
      setNodeUnschedulable: 'kubesim.api.nodes.unschedulable',
      createObject: 'kubesim.api.objects.create',
      updateObject: 'kubesim.api.objects.update',
      updateObjectStatus: 'kubesim.api.objects.status',
      deleteObject: 'kubesim.api.objects.delete',
      updatePodMetadata: 'kubesim.api.pods.metadata',
      recordNodeProcessAction: 'kubesim.api.nodes.process',
      namespaceStatus: 'kubesim.api.namespaces.status',
    });
    expect(new Set(Object.values(subjects)).size).toBe(INTERNAL_COMMAND_NAMES.length);
  });

  it.each(INTERNAL_COMMAND_NAMES)('%s: a valid payload passes and becomes its core Command', (name) => {
    const [payload, type] = EXAMPLES[name];
    const r = run(name, payload);
    expect(r).toMatchObject({ ok: true, command: { type } });
  });

  it('createObject of a Pod is admitted as a pod', () => {
    expect(run('createObject', { object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } })).toMatchObject({
      ok: true,
      command: { type: 'CreatePod', pod },
    });
  });
});

describe('invalid payloads are refused, naming the field', () => {
  it.each<[string, InternalCommandName, object, string, string]>([
    ['a missing caller', 'bindPod', { by: '', namespace: 'default', name: 'web', uid: 'u', node: 'n' }, 'by', 'by should not be empty'],
    ['an unknown field', 'bindPod', { namespace: 'default', name: 'web', uid: 'u', node: 'n', force: true }, 'force', 'property force should not exist'],
    ['taints that are not a list', 'taintNode', { name: 'node-1', taints: { key: 'k' } }, 'taints', 'taints must be an array'],
    ['a taint without an effect', 'taintNode', { name: 'node-1', taints: [{ key: 'k' }] }, 'taints', 'taints is not a valid Taint: [0] must have required property effect'],
    ['a taint with an effect Kubernetes does not have', 'taintNode', { name: 'node-1', taints: [{ key: 'k', effect: 'Sometimes' }] }, 'taints', 'taints is not a valid Taint: [0].effect must be equal to one of the allowed values'],
    ['an owner reference without a uid', 'updatePodMetadata', { namespace: 'default', name: 'web', uid: 'u', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' }] }, 'ownerReferences', 'ownerReferences is not a valid OwnerReference: [0] must have required property uid'],
    ['labels that are not strings', 'updatePodMetadata', { namespace: 'default', name: 'web', uid: 'u', labels: { a: 1 } }, 'labels', 'labels must be a map of strings'],
    ['a pod status whose restart count is text', 'reportPodStatus', { namespace: 'default', name: 'web', uid: 'u', node: 'n', status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 'x', image: 'nginx', imageID: '' }] } }, 'status', 'status is not a valid PodStatus: containerStatuses[0].restartCount must be integer'],
    ['a pod phase Kubernetes does not have', 'reportPodStatus', { namespace: 'default', name: 'web', uid: 'u', node: 'n', status: { phase: 'Sleeping' } }, 'status', 'status is not a valid PodStatus: phase must be equal to one of the allowed values'],
    ['a node without a name', 'registerNode', { node: { apiVersion: 'v1', kind: 'Node', metadata: {} } }, 'node', 'node is not a valid Node: metadata.name is required'],
    ['a node capacity that is no quantity', 'registerNode', { node: { ...aNode('n'), status: { ...aNode('n').status, capacity: { cpu: 'lots' } } } }, 'node', 'status.capacity.cpu must match format "quantity"'],
    ['a node condition without a status', 'setNodeCondition', { name: 'n', condition: { type: 'Ready' } }, 'condition', 'condition is not a valid NodeCondition: must have required property status'],
    ['a pod condition whose time is no time', 'setPodCondition', { namespace: 'default', name: 'web', condition: { type: 'Ready', status: 'True', lastTransitionTime: 'yesterday' } }, 'condition', 'lastTransitionTime must match format "date-time"'],
    ['a workload object of the wrong shape', 'createObject', { object: { ...rs, spec: { ...rs.spec, replicas: 'three' } } }, 'object', 'object is not a valid ReplicaSet: spec.replicas must be integer'],
    ['an object without a kind', 'createObject', { object: { metadata: { name: 'x' } } }, 'object', 'object is not a valid object: kind is required'],
    ['a status of the wrong shape for its kind', 'updateObjectStatus', { kind: 'Deployment', namespace: 'default', name: 'd', status: { replicas: 'all' } }, 'status', 'status is not a valid DeploymentStatus: replicas must be integer'],
    ['a kind the apiserver does not store generically', 'deleteObject', { kind: 'Widget', namespace: 'default', name: 's' }, 'kind', 'kind must be one of the following values'],
    ['an unknown node add option', 'recordNodeProcessAction', { name: 'n', action: 'add', node: { gpus: 4 } }, 'node.gpus', 'node.property gpus should not exist'],
  ])('%s (%s)', (_case, name, payload, field, message) => {
    const r = run(name, payload);
    expect(r.ok).toBe(false);
    const causes = (r as { causes: { field: string; message: string }[] }).causes;
    expect(causes).toContainEqual(expect.objectContaining({ field, message: expect.stringContaining(message) }));
  });
});

describe('quantities as resource.Quantity writes them back', () => {
  it('a node registers with canonical capacity and allocatable', () => {
    const node = aNode('node-1');
    const r = run('registerNode', { node: { ...node, status: { ...node.status, capacity: { cpu: '0.5', memory: '1024Mi', pods: '110' }, allocatable: { cpu: '500m', memory: '1Gi', pods: 110 } } } });
    expect(r).toMatchObject({ ok: true, command: { type: 'RegisterNode', node: { status: { capacity: { cpu: '500m', memory: '1Gi', pods: '110' }, allocatable: { cpu: '500m', memory: '1Gi', pods: '110' } } } } });
  });
});

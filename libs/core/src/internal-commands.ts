import {
  canonicalResourceList,
  BindPodDto,
  CreateObjectDto,
  DeleteObjectDto,
  DeletePodDto,
  MarkPodNodeLostDto,
  MarkPodUnschedulableDto,
  RecordEventDto,
  NamespaceStatusDto,
  RecordNodeProcessActionDto,
  RegisterNodeDto,
  ReportPodStatusDto,
  SetNodeConditionDto,
  SetNodeUnschedulableDto,
  SetPodConditionDto,
  TaintNodeDto,
  UntaintNodeDto,
  UpdateNodeSpecDto,
  UpdateObjectDto,
  UpdateObjectStatusDto,
  UpdatePodMetadataDto,
  type CallerDto,
  type GenericKind,
  type GenericObject,
  type Pod,
  type WrittenObject,
} from '@kubesim/api';
import type { Command } from './commands';

/**
 * What the apiserver lends a mapping that needs more than the payload: admission (the admission
 * chain, as for a POST/PUT, against the state the command is decided on) and the object as stored.
 */
export interface InternalCommandContext {
  admitPod(object: WrittenObject, namespace: string): Pod;
  /** A generic kind's object, admitted; `current` for an update. Throws a Status/DomainError when refused. */
  admitObject(object: WrittenObject, namespace: string, current?: GenericObject): GenericObject;
  /** The stored generic object of `object`'s kind and name (NotFound when absent or not a generic kind). */
  current(object: WrittenObject): GenericObject;
}

interface InternalCommand<P extends CallerDto> {
  /** The NATS request/reply subject the apiserver answers on. */
  subject: string;
  /** Its payload: the class is the type and, through class-validator, the validation. */
  payload: new () => P;
  /** The core Command it asks for (several: carried out in order, stopping at the first refusal). */
  command: (p: P, ctx: InternalCommandContext) => Command | readonly Command[];
}

const define = <P extends CallerDto>(c: InternalCommand<P>) => c;

/**
 * Every write a component (scheduler, controller-manager, kubelet, `kubesim up`) sends the
 * apiserver, once: the apiserver's NATS handlers and the typed ApiClient are both derived from it.
 */
export const INTERNAL_COMMANDS = {
  bindPod: define({
    subject: 'kubesim.api.pods.bind',
    payload: BindPodDto,
    command: (p) => ({ type: 'BindPod', namespace: p.namespace, name: p.name, uid: p.uid, node: p.node }),
  }),
  markPodUnschedulable: define({
    subject: 'kubesim.api.pods.unschedulable',
    payload: MarkPodUnschedulableDto,
    command: (p) => ({ type: 'MarkPodUnschedulable', namespace: p.namespace, name: p.name, uid: p.uid, message: p.message }),
  }),
  reportPodStatus: define({
    subject: 'kubesim.api.pods.status',
    payload: ReportPodStatusDto,
    command: (p) => ({ type: 'ReportPodStatus', namespace: p.namespace, name: p.name, uid: p.uid, node: p.node, status: p.status }),
  }),
  deletePod: define({
    subject: 'kubesim.api.pods.delete',
    payload: DeletePodDto,
    command: (p) => ({ type: 'DeletePod', namespace: p.namespace, name: p.name, uid: p.uid, gracePeriodSeconds: p.gracePeriodSeconds }),
  }),
  registerNode: define({
    subject: 'kubesim.api.nodes.register',
    payload: RegisterNodeDto,
    // Capacity as resource.Quantity writes it back (`--node-cpu 0.5` reads back `500m`).
    command: (p) => ({
      type: 'RegisterNode',
      node: p.node.status ? { ...p.node, status: { ...p.node.status, capacity: canonicalResourceList(p.node.status.capacity), allocatable: canonicalResourceList(p.node.status.allocatable) } } : p.node,
    }),
  }),
  updateNodeSpec: define({ subject: 'kubesim.api.nodes.spec', payload: UpdateNodeSpecDto, command: (p) => ({ type: 'UpdateNodeSpec', name: p.name, spec: p.spec }) }),
  setNodeCondition: define({
    subject: 'kubesim.api.nodes.condition',
    payload: SetNodeConditionDto,
    command: (p) => ({ type: 'SetNodeCondition', name: p.name, condition: p.condition }),
  }),
  recordEvent: define({
    subject: 'kubesim.api.events.record',
    payload: RecordEventDto,
    command: (p) => ({
      type: 'RecordEvent',
      event: { involvedObject: p.involvedObject, reason: p.reason, message: p.message, type: p.type, component: p.component, host: p.host },
    }),
  }),
  markPodNodeLost: define({
    subject: 'kubesim.api.pods.nodelost',
    payload: MarkPodNodeLostDto,
    command: (p) => ({ type: 'MarkPodNodeLost', namespace: p.namespace, name: p.name, uid: p.uid, node: p.node, policy: p.policy }),
  }),
  setPodCondition: define({
    subject: 'kubesim.api.pods.condition',
    payload: SetPodConditionDto,
    command: (p) => ({ type: 'SetPodCondition', namespace: p.namespace, name: p.name, uid: p.uid, condition: p.condition }),
  }),
  taintNode: define({ subject: 'kubesim.api.nodes.taint', payload: TaintNodeDto, command: (p) => ({ type: 'TaintNode', name: p.name, taints: p.taints }) }),
  untaintNode: define({ subject: 'kubesim.api.nodes.untaint', payload: UntaintNodeDto, command: (p) => ({ type: 'UntaintNode', name: p.name, taints: p.taints }) }),
  setNodeUnschedulable: define({
    subject: 'kubesim.api.nodes.unschedulable',
    payload: SetNodeUnschedulableDto,
    command: (p) => ({ type: 'SetNodeUnschedulable', name: p.name, unschedulable: p.unschedulable }),
  }),
  createObject: define({
    subject: 'kubesim.api.objects.create',
    payload: CreateObjectDto,
    command: (p, ctx) => {
      const ns = p.object.metadata.namespace ?? 'default';
      return p.object.kind === 'Pod' ? { type: 'CreatePod', pod: ctx.admitPod(p.object, ns) } : { type: 'CreateObject', object: ctx.admitObject(p.object, ns) };
    },
  }),
  updateObject: define({
    subject: 'kubesim.api.objects.update',
    payload: UpdateObjectDto,
    command: (p, ctx) => {
      const current = ctx.current(p.object);
      return { type: 'UpdateObject', object: ctx.admitObject(p.object, current.metadata.namespace ?? '', current), resourceVersion: p.resourceVersion };
    },
  }),
  updateObjectStatus: define({
    subject: 'kubesim.api.objects.status',
    payload: UpdateObjectStatusDto,
    command: (p) => ({ type: 'UpdateObjectStatus', kind: p.kind, namespace: p.namespace, name: p.name, status: p.status, resourceVersion: p.resourceVersion }),
  }),
  deleteObject: define({
    subject: 'kubesim.api.objects.delete',
    payload: DeleteObjectDto,
    command: (p) => ({ type: 'DeleteObject', kind: p.kind, namespace: p.namespace, name: p.name, uid: p.uid, ...(p.foreground ? { foreground: true } : {}) }),
  }),
  updatePodMetadata: define({
    subject: 'kubesim.api.pods.metadata',
    payload: UpdatePodMetadataDto,
    command: (p) => ({ type: 'UpdatePodMetadata', namespace: p.namespace, name: p.name, uid: p.uid, labels: p.labels, annotations: p.annotations, ownerReferences: p.ownerReferences }),
  }),
  namespaceStatus: define({
    subject: 'kubesim.api.namespaces.status',
    payload: NamespaceStatusDto,
    command: (p) => [
      { type: 'SetNamespaceConditions', name: p.name, conditions: p.conditions },
      ...(p.finalizers ? [{ type: 'FinalizeNamespace' as const, name: p.name, finalizers: p.finalizers }] : []),
    ],
  }),
  recordNodeProcessAction: define({
    subject: 'kubesim.api.nodes.process',
    payload: RecordNodeProcessActionDto,
    command: (p) => ({ type: 'RecordNodeProcessAction', name: p.name, action: p.action, node: p.node }),
  }),
} as const;

export type InternalCommandName = keyof typeof INTERNAL_COMMANDS;
/** The payload of a command, as the client sends it and the handler receives it after validation. */
export type InternalPayload<K extends InternalCommandName> = InstanceType<(typeof INTERNAL_COMMANDS)[K]['payload']>;
export const INTERNAL_COMMAND_NAMES = Object.keys(INTERNAL_COMMANDS) as InternalCommandName[];


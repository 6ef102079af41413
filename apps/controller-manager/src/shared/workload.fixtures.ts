import { defaultPod, defaultPodSpec, type DaemonSet, type Deployment, type Node, type Pod, type ReplicaSet } from '@kubesim/api';

/** Builders for the workload controllers' specs. */
export const T0 = Date.parse('2026-01-01T00:00:00Z');
const template = (labels: Record<string, string>, image = 'nginx:1.25') => ({ metadata: { labels }, spec: defaultPodSpec({ containers: [{ name: 'app', image }] }) });

export function aReplicaSet(name: string, replicas: number, labels: Record<string, string> = { app: name }, uid = `uid-${name}`): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', generation: 1 },
    spec: { replicas, selector: { matchLabels: labels }, template: template(labels) },
    status: { replicas: 0 },
  };
}

export function aDeployment(name: string, replicas: number, image = 'nginx:1.25', strategy: Deployment['spec']['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }): Deployment {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', generation: 1 },
    spec: { replicas, selector: { matchLabels: labels }, template: template(labels, image), strategy, minReadySeconds: 0, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
    status: {},
  };
}

export function aDaemonSet(name: string, nodeSelector?: Record<string, string>): DaemonSet {
  const labels = { app: name };
  const t = template(labels);
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', generation: 1 },
    spec: { selector: { matchLabels: labels }, template: { ...t, spec: { ...t.spec, ...(nodeSelector ? { nodeSelector } : {}) } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } }, revisionHistoryLimit: 10 },
    status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
  };
}

export interface PodOptions {
  labels?: Record<string, string>;
  owner?: { kind: string; name: string; uid: string };
  node?: string;
  phase?: Pod['status']['phase'];
  ready?: boolean;
  restarts?: number;
  deleting?: boolean;
  created?: number;
}

export function aPodWith(name: string, o: PodOptions = {}): Pod {
  const p = defaultPod({ metadata: { name, labels: o.labels ?? {} }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } }, 'default', { uid: `uid-${name}`, now: new Date(o.created ?? T0).toISOString().replace('.000Z', 'Z'), suffix: 'xxxxx' });
  if (o.owner) p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: o.owner.kind, name: o.owner.name, uid: o.owner.uid, controller: true, blockOwnerDeletion: true }];
  if (o.node) p.spec.nodeName = o.node;
  if (o.deleting) p.metadata.deletionTimestamp = '2026-01-01T00:01:00Z';
  p.status = {
    ...p.status,
    phase: o.phase ?? (o.node ? 'Running' : 'Pending'),
    conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }],
    containerStatuses: o.node ? [{ name: 'app', image: 'nginx:1.25', imageID: '', ready: Boolean(o.ready), restartCount: o.restarts ?? 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } }, lastState: {} }] : undefined,
  };
  return p;
}

export function aNodeNamed(name: string, o: { labels?: Record<string, string>; taints?: Node['spec']['taints']; unschedulable?: boolean } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [], addresses: [], nodeInfo: {} as Node['status']['nodeInfo'] },
  };
}

let n = 0;
export const ctx = { now: T0 + 60_000, timeScale: 1, suffix: () => `s${(n++).toString().padStart(4, '0')}` };

import type { Container, Pod, PodSpec, Toleration } from './types';
import { milliCpu, baseUnits } from './quantity';
import { canonicalResourceList } from './quantity-canonical';

/** DefaultTolerationSeconds admission: 300 s for not-ready and unreachable (semantics §9.3). */
export const DEFAULT_TOLERATION_SECONDS = 300;
export const DEFAULT_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** The PodScheduled reason of a pod with scheduling gates (v1.PodReasonSchedulingGated), and its message. */
export const SCHEDULING_GATED = 'SchedulingGated';
export const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** names.SimpleNameGenerator: a generated name is at most 63 characters, so the prefix keeps its first 58. */
export const generatedNamePrefix = (generateName: unknown): string => (typeof generateName === 'string' ? generateName.slice(0, 58) : '');

/** Identity and time for a new object, chosen by the apiserver. */
export interface CreateContext {
  uid: string;
  now: string;
  /** Five characters for `generateName` (bcdfghjklmnpqrstvwxz2456789). */
  suffix: string;
}

function defaultPullPolicy(given: unknown): Container['imagePullPolicy'] {
  // No image yet (validation says "Required value" next): Go defaults from "".
  const image = typeof given === 'string' ? given : '';
  const last = image.split('/').pop() ?? image;
  if (last.includes('@')) return 'IfNotPresent';
  const tag = last.includes(':') ? last.split(':').pop() : undefined;
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Container): Container {
  const resources = { ...(c.resources ?? {}) };
  // Each resource with a limit but no request gets the limit as its request (SetDefaults_Pod).
  if (resources.limits) resources.requests = { ...resources.limits, ...(resources.requests ?? {}) };
  // Stored as resource.Quantity writes them back (`cpu: 0.5` reads back `500m`).
  if (resources.requests) resources.requests = canonicalResourceList(resources.requests);
  if (resources.limits) resources.limits = canonicalResourceList(resources.limits);
  return {
    ...c,
    imagePullPolicy: c.imagePullPolicy ?? defaultPullPolicy(c.image),
    resources,
    ...(c.ports ? { ports: c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })) } : {}),
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
  };
}

function tolerates(ts: Toleration[], key: string): boolean {
  return ts.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
}

/** Only cpu and memory decide the QoS class (qos.go isSupportedQoSComputeResource). */
const QOS_RESOURCES = ['cpu', 'memory'];

export function qosClass(pod: Pick<Pod, 'spec'>): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  const any = all.some((c) => QOS_RESOURCES.some((r) => c.resources?.requests?.[r] !== undefined || c.resources?.limits?.[r] !== undefined));
  if (!any) return 'BestEffort';
  const guaranteed = all.every((c) => {
    const r = c.resources?.requests ?? {};
    const l = c.resources?.limits ?? {};
    return (
      l.cpu !== undefined && l.memory !== undefined && milliCpu(r.cpu ?? l.cpu) === milliCpu(l.cpu) && baseUnits(r.memory ?? l.memory) === baseUnits(l.memory)
    );
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** The pod spec defaults kube-apiserver applies (to pods, and to the templates of workloads). */
export function defaultPodSpec(spec: Record<string, any>): PodSpec {
  return {
    ...spec,
    containers: (spec.containers ?? []).map(defaultContainer),
    ...(spec.initContainers ? { initContainers: spec.initContainers.map(defaultContainer) } : {}),
    restartPolicy: spec.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_PERIOD_SECONDS,
    dnsPolicy: spec.dnsPolicy ?? 'ClusterFirst',
    schedulerName: spec.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    serviceAccountName: spec.serviceAccountName ?? 'default',
    securityContext: spec.securityContext ?? {},
    enableServiceLinks: spec.enableServiceLinks ?? true,
    preemptionPolicy: spec.preemptionPolicy ?? 'PreemptLowerPriority',
    priority: spec.priority ?? 0,
  } as PodSpec;
}

/**
 * What kube-apiserver does to a new Pod: defaulting, the DefaultTolerationSeconds admission, and
 * the create strategy (status reset to Pending; client-supplied status discarded).
 */
export function defaultPod(input: Record<string, any>, namespace: string, ctx: CreateContext): Pod {
  // A new object is never being deleted (BeforeCreate), whatever a copied manifest says.
  const { deletionTimestamp: _ts, deletionGracePeriodSeconds: _grace, ...meta } = input.metadata ?? {};
  const spec = input.spec ?? {};
  const name: string = meta.name || `${generatedNamePrefix(meta.generateName)}${ctx.suffix}`;
  const tolerations: Toleration[] = [...(spec.tolerations ?? [])];
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!tolerates(tolerations, key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    ...input,
    metadata: {
      ...meta,
      name,
      namespace,
      uid: ctx.uid,
      resourceVersion: '',
      creationTimestamp: ctx.now,
    },
    spec: {
      ...defaultPodSpec(spec),
      tolerations,
    },
    status: { phase: 'Pending' },
  } as Pod;
  pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
  // applySchedulingGatedCondition (pod strategy PrepareForCreate): a gated pod says why it waits.
  if (Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) {
    pod.status.conditions = [{ type: 'PodScheduled', status: 'False', reason: SCHEDULING_GATED, message: SCHEDULING_GATED_MESSAGE, lastProbeTime: null, lastTransitionTime: null }];
  }
  return pod;
}

/** A workload's pod template as kube-apiserver stores it: the pod spec defaults, Go's zero `creationTimestamp` dropped. */
export function defaultPodTemplate(t: Record<string, any> | undefined): Record<string, any> | undefined {
  if (!t || typeof t !== 'object') return t;
  const { creationTimestamp, ...metadata } = t.metadata ?? {};
  return { ...t, metadata: { ...metadata, ...(creationTimestamp != null ? { creationTimestamp } : {}) }, spec: defaultPodSpec(t.spec ?? {}) };
}

import { isPodTerminal, rfc3339, type KubeObject, type Pod } from '@kubesim/api';
import type { CommandOf } from './commands';
import { alreadyExists, conflict, invalid, NAMESPACE, notFound, POD } from './errors';
import type { ClusterEvent, EventMeta } from './events';
import { scheduledEvent } from './kube-events';
import { getNamespace, getPod, type ClusterView, type DecideContext } from './view';

const meta = (ctx: DecideContext): EventMeta => ({ at: new Date(ctx.now).toISOString(), by: ctx.by, ...(ctx.cause ? { cause: ctx.cause } : {}) });


/** The pod a command targets, honouring a UID precondition. */
function existing(view: ClusterView, c: { namespace: string; name: string; uid?: string }): Pod {
  const pod = getPod(view, c.namespace, c.name);
  if (!pod) throw notFound(POD(c.name));
  if (c.uid && c.uid !== pod.metadata.uid) {
    throw conflict(POD(c.name), `Precondition failed: UID in precondition: ${c.uid}, UID in object meta: ${pod.metadata.uid}`);
  }
  return pod;
}

function checkResourceVersion(pod: KubeObject, rv: string | undefined) {
  if (rv !== undefined && rv !== '' && rv !== pod.metadata.resourceVersion) throw conflict(POD(pod.metadata.name));
}

export function createPod(c: CommandOf<'CreatePod'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const { namespace, name } = c.pod.metadata;
  if (!getNamespace(view, namespace)) throw notFound(NAMESPACE(namespace));
  if (getPod(view, namespace, name)) throw alreadyExists(POD(name));
  return [
    { ...meta(ctx), type: 'PodCreated', pod: c.pod },
    { ...meta(ctx), type: 'PodPhaseChanged', namespace, name, from: null, to: c.pod.status.phase, reason: 'Created' },
  ];
}

export function updatePodMetadata(c: CommandOf<'UpdatePodMetadata'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const pod = existing(view, c);
  checkResourceVersion(pod, c.resourceVersion);
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const events: ClusterEvent[] = [];
  const ownersChanged = c.ownerReferences !== undefined && !same(c.ownerReferences, pod.metadata.ownerReferences ?? []);
  if (!same(c.labels, pod.metadata.labels) || !same(c.annotations, pod.metadata.annotations) || ownersChanged) {
    events.push({
      ...meta(ctx),
      type: 'PodMetadataUpdated',
      namespace: c.namespace,
      name: c.name,
      labels: c.labels,
      annotations: c.annotations,
      ...(ownersChanged ? { ownerReferences: c.ownerReferences } : {}),
    });
  }
  if (c.tolerations && !same(c.tolerations, pod.spec.tolerations)) {
    events.push({ ...meta(ctx), type: 'PodTolerationsUpdated', namespace: c.namespace, name: c.name, tolerations: c.tolerations });
  }
  const changedImages = Object.fromEntries(
    Object.entries(c.images ?? {}).filter(([n, img]) => [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((x) => x.name === n && x.image !== img)),
  );
  if (Object.keys(changedImages).length) events.push({ ...meta(ctx), type: 'PodImagesUpdated', namespace: c.namespace, name: c.name, images: changedImages });
  if (c.schedulingGates !== undefined && !same(c.schedulingGates, pod.spec.schedulingGates ?? [])) {
    const old = new Set((pod.spec.schedulingGates ?? []).map((g) => g.name));
    const added = c.schedulingGates.find((g) => !old.has(g.name));
    if (added) throw invalid(POD(c.name), [{ reason: 'FieldValueForbidden', message: `Forbidden: only deletion is allowed, but found new scheduling gate '${added.name}'`, field: `spec.schedulingGates[${c.schedulingGates.indexOf(added)}].name` }]);
    events.push({ ...meta(ctx), type: 'PodSchedulingGatesUpdated', namespace: c.namespace, name: c.name, schedulingGates: c.schedulingGates.map((g) => ({ name: g.name })) });
  }
  return events;
}

export function bindPod(c: CommandOf<'BindPod'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const pod = existing(view, c);
  if (pod.spec.nodeName) throw conflict(POD(c.name), `pod ${c.name} is already assigned to node "${pod.spec.nodeName}"`);
  if (pod.metadata.deletionTimestamp) throw conflict(POD(c.name), `pod ${c.name} is being deleted, cannot be assigned to a host`);
  // Upstream's binding storage refuses it with a plain error (a 500 there); a Conflict here.
  if (pod.spec.schedulingGates?.length) throw conflict(POD(c.name), `pod ${c.name} has non-empty .spec.schedulingGates`);
  const at = rfc3339(ctx.now);
  return [
    { ...meta(ctx), type: 'PodBound', namespace: c.namespace, name: c.name, node: c.node },
    {
      ...meta(ctx),
      type: 'PodConditionSet',
      namespace: c.namespace,
      name: c.name,
      condition: { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at },
    },
    { ...meta(ctx), type: 'EventRecorded', event: scheduledEvent(pod, c.node, ctx, view) },
  ];
}

export function markPodUnschedulable(c: CommandOf<'MarkPodUnschedulable'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const pod = existing(view, c);
  if (pod.spec.nodeName) throw conflict(POD(c.name), `pod ${c.name} is already assigned to node "${pod.spec.nodeName}"`);
  const at = rfc3339(ctx.now);
  return [
    {
      ...meta(ctx),
      type: 'PodConditionSet',
      namespace: c.namespace,
      name: c.name,
      condition: { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: at, reason: 'Unschedulable', message: c.message },
    },
  ];
}

export function reportPodStatus(c: CommandOf<'ReportPodStatus'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const pod = existing(view, c);
  if (pod.spec.nodeName !== c.node) throw conflict(POD(c.name), `pod ${c.name} is not assigned to node "${c.node}"`);
  // Terminal phases are sticky (kubelet generateAPIPodStatus).
  const to = isPodTerminal(pod) ? pod.status.phase : c.status.phase;
  const status = { ...c.status, phase: to };
  const events: ClusterEvent[] = [{ ...meta(ctx), type: 'PodStatusReported', namespace: c.namespace, name: c.name, status }];
  if (to !== pod.status.phase) {
    events.push({
      ...meta(ctx),
      type: 'PodPhaseChanged',
      namespace: c.namespace,
      name: c.name,
      from: pod.status.phase,
      to,
      reason: ctx.cause ?? c.status.reason ?? '',
      node: c.node,
    });
  }
  return events;
}

/** 9999-12-31T23:59:59Z: a deletionTimestamp after it has no RFC 3339 form (and no JavaScript Date past 275760). */
const LATEST_RFC3339_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** Graceful deletion, semantics §7.3. */
export function deletePod(c: CommandOf<'DeletePod'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const pod = existing(view, c);
  checkResourceVersion(pod, c.resourceVersion);
  let grace = c.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds;
  if (!pod.spec.nodeName || isPodTerminal(pod)) grace = 0;
  const gone: ClusterEvent = { ...meta(ctx), type: 'PodDeleted', namespace: c.namespace, name: c.name, phase: pod.status.phase, node: pod.spec.nodeName };
  if (grace <= 0) return [gone];
  // A grace of up to int64 seconds is valid; its deadline stops at the last instant RFC 3339 can write.
  const deadline = Math.min(ctx.now + grace * 1000 * ctx.timeScale, LATEST_RFC3339_MS);
  const current = pod.metadata.deletionTimestamp ? Date.parse(pod.metadata.deletionTimestamp) : Infinity;
  if (deadline >= current) return []; // already deleting, with a shorter or equal grace
  return [
    {
      ...meta(ctx),
      type: 'PodDeletionRequested',
      namespace: c.namespace,
      name: c.name,
      deletionTimestamp: rfc3339(deadline),
      gracePeriodSeconds: grace,
    },
  ];
}

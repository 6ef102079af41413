import { rfc3339, type KubeEvent, type KubeObject, type ObjectReference, type Pod, type RecordEventDto } from '@kubesim/api';
import { eventCorrelationKey } from './event-correlation';
import { fnv64 } from './hash';
import type { ClusterView, DecideContext } from './view';

/** What a component asks to record: the RecordEvent request without who asked. */
export type EventSpec = Omit<RecordEventDto, 'by' | 'cause'>;

export function referenceTo(o: KubeObject, fieldPath?: string): ObjectReference {
  return {
    kind: o.kind,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name,
    uid: o.metadata.uid,
    apiVersion: o.apiVersion,
    resourceVersion: o.metadata.resourceVersion,
    ...(fieldPath ? { fieldPath } : {}),
  };
}

/**
 * A core/v1 Event. An identical repeat (same object, reason, message, source) updates the first
 * one's `count` and `lastTimestamp`, as client-go's event correlator does.
 */
export function makeEvent(spec: EventSpec, ctx: DecideContext, view: ClusterView): KubeEvent {
  const io = spec.involvedObject;
  const namespace = io.namespace ?? 'default';
  const source = { component: spec.component, ...(spec.host ? { host: spec.host } : {}) };
  const previous = view.findEvent(eventCorrelationKey({ involvedObject: io, reason: spec.reason, message: spec.message, source }));
  // Like client-go: `<object>.<hex nanoseconds>` so that listing by name is chronological per
  // object; the correlation hash keeps two events of the same millisecond apart.
  const nanos = BigInt(Math.floor(ctx.now)) * 1_000_000n + (BigInt('0x' + fnv64([spec.reason, spec.message, io.fieldPath, spec.component, spec.host].join('\u0000'))) % 1_000_000n);
  const name = previous?.metadata.name ?? `${io.name}.${nanos.toString(16)}`;
  const now = rfc3339(ctx.now);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace,
      uid: previous?.metadata.uid ?? uidFrom(name, ctx.now),
      resourceVersion: '',
      creationTimestamp: previous?.metadata.creationTimestamp ?? now,
    },
    involvedObject: io,
    reason: spec.reason,
    message: spec.message,
    type: spec.type,
    source,
    firstTimestamp: previous?.firstTimestamp ?? now,
    lastTimestamp: now,
    count: (previous?.count ?? 0) + 1,
    reportingComponent: spec.component,
    reportingInstance: spec.host ?? '',
    eventTime: null,
  };
}

/** A deterministic UUID-shaped id. */
export function uidFrom(seed: string, salt: number): string {
  const h = fnv64(`${seed}/${salt}`) + fnv64(`${salt}/${seed}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function scheduledEvent(pod: Pod, node: string, ctx: DecideContext, view: ClusterView): KubeEvent {
  return makeEvent(
    {
      involvedObject: referenceTo(pod),
      reason: 'Scheduled',
      message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      type: 'Normal',
      component: 'default-scheduler',
    },
    ctx,
    view,
  );
}

import { rfc3339, type KubeEvent, type KubeObject, type ObjectReference, type Pod } from '@kubesim/api';
import { fnv64 } from './hash';
import type { ClusterView, DecideContext } from './view';

export interface EventSpec {
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  component: string;
  host?: string;
}

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
 * A core/v1 Event. Identical events (same object, reason, message, source) share one name, so a
 * repeat updates `count` and `lastTimestamp` like client-go's event correlator does.
 */
export function makeEvent(spec: EventSpec, ctx: DecideContext, view: ClusterView): KubeEvent {
  const io = spec.involvedObject;
  const namespace = io.namespace ?? 'default';
  const name = `${io.name}.${fnv64([io.kind, io.uid, io.fieldPath, spec.reason, spec.message, spec.component, spec.host].join('\u0000'))}`;
  const now = rfc3339(ctx.now);
  const previous = view.get({ kind: 'Event', namespace, name }) as KubeEvent | undefined;
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
    source: { component: spec.component, ...(spec.host ? { host: spec.host } : {}) },
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

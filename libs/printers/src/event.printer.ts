import type { KubeEvent } from '@kubesim/api';
import { type Columns, column, NAME_DESCRIPTION } from './columns';
import { humanDurationSince } from './human-duration';

/** `kubectl get events` columns, as kube-apiserver's Table columnDefinitions for core/v1 Events. */
export const eventColumns: Columns = [
  column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  column('Object', 'The object that this event is about.'),
  column('Subobject', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.', { priority: 1 }),
  column('Source', 'The component reporting this event. Should be a short machine understandable string.', { priority: 1 }),
  column('Message', 'A human-readable description of the status of this operation.'),
  column('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', { priority: 1 }),
  column('Count', 'The number of times this event has occurred.', { priority: 1 }),
  column('Name', NAME_DESCRIPTION, { format: 'name', priority: 1 }),
];

/** OBJECT: `pod/web-1` — the involved object's kind in lower case, then its name. */
export function eventObject(event: KubeEvent): string {
  const kind = event.involvedObject.kind.toLowerCase();
  return event.involvedObject.name ? `${kind}/${event.involvedObject.name}` : kind;
}

/** One row of `kubectl get events` (`-o wide` when `wide`), cells in `eventColumns` order. */
export function eventRow(event: KubeEvent, now: number, wide = false): string[] {
  // events.k8s.io/v1 events may set only eventTime; the printer falls back along these fields.
  const firstSeen = event.firstTimestamp ? humanDurationSince(event.firstTimestamp, now) : humanDurationSince(event.eventTime, now);
  const lastSeen = event.lastTimestamp ? humanDurationSince(event.lastTimestamp, now) : firstSeen;
  const message = event.message.trim();
  if (!wide) return [lastSeen, event.type, event.reason, eventObject(event), message];
  return [
    lastSeen,
    event.type,
    event.reason,
    eventObject(event),
    event.involvedObject.fieldPath ?? '',
    eventSource(event),
    message,
    firstSeen,
    String(event.count || 1), // singleton events from the new API carry no count
    event.metadata.name,
  ];
}

/** SOURCE: "kubelet, node-1"; the reporting fields stand in for an empty source. */
function eventSource(event: KubeEvent): string {
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

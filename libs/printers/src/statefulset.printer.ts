import type { ControllerRevision, OwnerReference, PodTemplateSpec, StatefulSet } from '@kubesim/api';
import { AGE_DESCRIPTION, column, NAME_DESCRIPTION, NONE, type Columns } from './columns';
import { humanDurationSince } from './human-duration';

const containers = (t: PodTemplateSpec | undefined) => (t?.spec?.containers ?? []).map((c) => c.name).join(',');
const images = (t: PodTemplateSpec | undefined) => (t?.spec?.containers ?? []).map((c) => c.image).join(',');

/** `kubectl get statefulsets` (printers.go statefulSetColumnDefinitions): NAME READY AGE (+ CONTAINERS IMAGES). */
export const statefulSetColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Ready', 'Number of the pod with ready state'),
  column('Age', AGE_DESCRIPTION),
  column('Containers', 'Names of each container in the template.', { priority: 1 }),
  column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
];

/** printStatefulSet: READY is `<readyReplicas>/<spec.replicas>`. */
export function statefulSetRow(s: StatefulSet, now: number): string[] {
  return [s.metadata.name, `${s.status?.readyReplicas ?? 0}/${s.spec.replicas ?? 0}`, humanDurationSince(s.metadata.creationTimestamp, now), containers(s.spec.template), images(s.spec.template)];
}

/** `kubectl get controllerrevisions`: NAME CONTROLLER REVISION AGE. */
export const controllerRevisionColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Controller', 'Controller of the object'),
  column('Revision', 'Revision indicates the revision of the state represented by Data.'),
  column('Age', AGE_DESCRIPTION),
];

/** formatResourceName(GroupKind, name, withKind): `statefulset.apps/web`. */
function controllerName(ref: OwnerReference | undefined): string {
  if (!ref) return NONE;
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  return `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}`;
}

export function controllerRevisionRow(r: ControllerRevision, now: number): string[] {
  return [r.metadata.name, controllerName(r.metadata.ownerReferences?.find((o) => o.controller)), String(r.revision ?? 0), humanDurationSince(r.metadata.creationTimestamp, now)];
}

import type { Namespace } from '@kubesim/api';
import { AGE_DESCRIPTION, column, NAME_DESCRIPTION, type Columns } from './columns';
import { humanDurationSince } from './human-duration';

/** `kubectl get namespaces` columns, as kube-apiserver's Table columnDefinitions for namespaces. */
export const namespaceColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Status', 'The status of the namespace'),
  column('Age', AGE_DESCRIPTION),
];

/** One row of `kubectl get namespaces`: NAME STATUS AGE, cells in `namespaceColumns` order. */
export function namespaceRow(ns: Namespace, now: number): string[] {
  return [ns.metadata.name, ns.status?.phase ?? '', humanDurationSince(ns.metadata.creationTimestamp, now)];
}

import type { Node, Pod } from '@kubesim/api';
import type { Store } from '@kubesim/core';
import { nodeColumns, nodeRow, podColumns, podRow, renderTable, tableHeaders } from '@kubesim/printers';

const byName = (a: { metadata: { namespace?: string; name: string } }, b: { metadata: { namespace?: string; name: string } }) =>
  (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name);

/**
 * The cluster as `kubectl get nodes -o wide` and `kubectl get pods -A -o wide` would have shown it
 * at `now` (AGE and RESTARTS relative to that moment).
 */
export function clusterTables(store: Store, now: number): string {
  const nodes = ([...store.list('Node')] as Node[]).sort(byName);
  const pods = ([...store.list('Pod')] as Pod[]).sort(byName);
  const nodeTable = nodes.length ? renderTable(tableHeaders(nodeColumns, true), nodes.map((n) => nodeRow(n, now, true))) : 'No nodes.\n';
  const podTable = pods.length
    ? renderTable(['NAMESPACE', ...tableHeaders(podColumns, true)], pods.map((p) => [p.metadata.namespace ?? '', ...podRow(p, now, true)]))
    : 'No pods.\n';
  return `${nodeTable}\n${podTable}`;
}

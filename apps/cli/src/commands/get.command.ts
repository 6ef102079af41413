import type { DaemonSet, Deployment, KubeEvent, KubeObject, Node, Pod, ReplicaSet, Service } from '@kubesim/api';
import {
  daemonSetColumns,
  daemonSetRow,
  deploymentColumns,
  deploymentRow,
  eventColumns,
  eventRow,
  humanDuration,
  nodeColumns,
  nodeRow,
  podColumns,
  podRow,
  renderTable,
  replicaSetColumns,
  replicaSetRow,
  serviceColumns,
  serviceRow,
  tableHeaders,
  type Columns,
} from '@kubesim/printers';
import { stringify } from 'yaml';
import type { KubeClient } from '../kube-client';
import { cliResource, collectionPath, itemPath, objectName } from '../resources';

export interface GetOptions {
  output?: string;
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
}

type Printer = { columns: Columns; row: (o: any, now: number, wide: boolean) => string[] };

const PRINTERS: Record<string, Printer> = {
  Pod: { columns: podColumns, row: (o: Pod, now, wide) => podRow(o, now, wide) },
  Node: { columns: nodeColumns, row: (o: Node, now, wide) => nodeRow(o, now, wide) },
  Event: { columns: eventColumns, row: (o: KubeEvent, now, wide) => eventRow(o, now, wide) },
  Service: { columns: serviceColumns, row: (o: Service, now) => serviceRow(o, now) },
  Deployment: { columns: deploymentColumns, row: (o: Deployment, now) => deploymentRow(o, now) },
  ReplicaSet: { columns: replicaSetColumns, row: (o: ReplicaSet, now) => replicaSetRow(o, now) },
  DaemonSet: { columns: daemonSetColumns, row: (o: DaemonSet, now) => daemonSetRow(o, now) },
  Namespace: {
    columns: [
      { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
      { name: 'Status', type: 'string', format: '', description: '', priority: 0 },
      { name: 'Age', type: 'string', format: '', description: '', priority: 0 },
    ],
    row: (o: any, now) => [o.metadata.name, o.status.phase, humanDuration(now - Date.parse(o.metadata.creationTimestamp))],
  },
};

/** `kubesim get pods|nodes|events|namespaces [NAME]`, printed as kubectl prints it. */
export async function getCommand(client: KubeClient, resource: string, name: string | undefined, o: GetOptions): Promise<string> {
  const r = cliResource(resource);
  const ns = o.allNamespaces ? undefined : o.namespace;
  let items: KubeObject[];
  if (name) {
    items = [await client.get<KubeObject>(itemPath(r, o.namespace, name))];
  } else {
    const qs = o.selector ? `?labelSelector=${encodeURIComponent(o.selector)}` : '';
    const list = await client.get<{ items: KubeObject[] }>(collectionPath(r, ns) + qs);
    items = list.items.map((i) => Object.assign({ apiVersion: r.root ? 'apps/v1' : 'v1', kind: r.kind }, i));
  }
  const output = o.output ?? '';
  if (output === 'json' || output === 'yaml') {
    const doc = name ? items[0] : { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
    return output === 'json' ? JSON.stringify(doc, null, 4) + '\n' : stringify(doc);
  }
  if (output === 'name') return items.map((i) => `${objectName(r, i.metadata.name)}\n`).join('');
  if (output !== '' && output !== 'wide') throw new Error(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,wide,yaml`);
  if (items.length === 0) {
    return r.namespaced && !o.allNamespaces ? `No resources found in ${o.namespace} namespace.\n` : 'No resources found\n';
  }
  const printer = PRINTERS[r.kind];
  const wide = output === 'wide';
  const now = Date.now();
  const withNs = r.namespaced && o.allNamespaces;
  const headers = [...(withNs ? ['NAMESPACE'] : []), ...tableHeaders(printer.columns, wide)];
  const visible = headers.length - (withNs ? 1 : 0);
  const rows = items.map((i) => [...(withNs ? [i.metadata.namespace ?? ''] : []), ...printer.row(i, now, wide).slice(0, visible)]);
  return renderTable(headers, rows);
}

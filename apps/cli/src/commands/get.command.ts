import type { KubeObject } from '@kubesim/api';
import { printerForKind, renderTable, tableHeaders } from '@kubesim/printers';
import { stringify } from 'yaml';
import type { KubeClient } from '@kubesim/kube-rest';
import { serverResource, collectionPath, itemPath, objectName } from '@kubesim/kube-rest';

export interface GetOptions {
  output?: string;
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  /** `--show-managed-fields`: keep metadata.managedFields in json/yaml (kubectl drops them otherwise). */
  showManagedFields?: boolean;
}

/** kubectl's -o json|yaml without `--show-managed-fields`: metadata.managedFields left out. */
function withoutManagedFields(o: KubeObject): KubeObject {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _m, ...metadata } = o.metadata;
  return { ...o, metadata } as KubeObject;
}

/** `kubesim get pods|nodes|events|namespaces [NAME]`, printed as kubectl prints it. */
export async function getCommand(client: KubeClient, resource: string, name: string | undefined, o: GetOptions): Promise<string> {
  const r = await serverResource(client, resource);
  const ns = o.allNamespaces ? undefined : o.namespace;
  let items: KubeObject[];
  if (name) {
    items = [await client.get<KubeObject>(itemPath(r, o.namespace, name))];
  } else {
    const qs = o.selector ? `?labelSelector=${encodeURIComponent(o.selector)}` : '';
    const list = await client.get<{ items: KubeObject[] }>(collectionPath(r, ns) + qs);
    items = list.items.map((i) => Object.assign({ apiVersion: r.apiVersion, kind: r.kind }, i));
  }
  const output = o.output ?? '';
  if (output === 'json' || output === 'yaml') {
    const shown = o.showManagedFields ? items : items.map(withoutManagedFields);
    const doc = name ? shown[0] : { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: shown };
    return output === 'json' ? JSON.stringify(doc, null, 4) + '\n' : stringify(doc);
  }
  if (output === 'name') return items.map((i) => `${objectName(r, i.metadata.name)}\n`).join('');
  if (output !== '' && output !== 'wide') throw new Error(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,wide,yaml`);
  if (items.length === 0) {
    return r.namespaced && !o.allNamespaces ? `No resources found in ${o.namespace} namespace.\n` : 'No resources found\n';
  }
  if (r.custom) return customTable(await client.getTable<ServerTable>(name ? itemPath(r, o.namespace, name) : collectionPath(r, ns) + (o.selector ? `?labelSelector=${encodeURIComponent(o.selector)}` : '')), output === 'wide', withNamespace(r, o));
  const printer = printerForKind(r.kind);
  const wide = output === 'wide';
  const now = Date.now();
  const withNs = withNamespace(r, o);
  const headers = [...(withNs ? ['NAMESPACE'] : []), ...tableHeaders(printer.columns, wide)];
  const visible = headers.length - (withNs ? 1 : 0);
  const rows = items.map((i) => [...(withNs ? [i.metadata.namespace ?? ''] : []), ...printer.row(i, now, wide).slice(0, visible)]);
  return renderTable(headers, rows);
}

const withNamespace = (r: { namespaced: boolean }, o: GetOptions) => Boolean(r.namespaced && o.allNamespaces);

interface ServerTable {
  columnDefinitions: { name: string; priority: number }[];
  rows: { cells: unknown[]; object?: { metadata?: { namespace?: string } } }[];
}

/** A custom kind prints the server's Table (its CRD's printer columns), as kubectl does. */
function customTable(t: ServerTable, isWide: boolean, withNs: boolean): string {
  const shown = t.columnDefinitions.map((c, i) => [c, i] as const).filter(([c]) => isWide || c.priority === 0);
  const headers = [...(withNs ? ['NAMESPACE'] : []), ...shown.map(([c]) => c.name.toUpperCase())];
  const rows = t.rows.map((row) => [...(withNs ? [row.object?.metadata?.namespace ?? ''] : []), ...shown.map(([, i]) => (row.cells[i] === null || row.cells[i] === undefined ? '<none>' : String(row.cells[i])))]);
  return renderTable(headers, rows);
}

import type { Node } from '@kubesim/api';
import type { Leases, Projection } from '@kubesim/eventlog';
import { negotiateOutput, tableContentType } from '../accept';
import type { ResourcePath } from '../request-path';
import type { Reply } from '../read-output';
import { isTrue } from '../query-flag';
import { failure, methodNotAllowed, StatusError } from '../status';
import { parseIncludeObject, typedCell, type Table } from '../table';
import { leaseColumns, leaseObject, leaseRow, NODE_LEASE_NAMESPACE, type LeaseObject } from './lease-object';

const RESOURCE = 'leases.coordination.k8s.io';

/**
 * `coordination.k8s.io/v1` leases, read-only: the node leases the kubelets renew in the NATS KV
 * bucket (kept out of the event log), shown as the Lease objects a real cluster has in
 * kube-node-lease — what `kubectl describe node` prints under `Lease:`. Writes are 405.
 */
export class LeaseReads {
  constructor(
    private readonly leases: Pick<Leases, 'read'>,
    private readonly cluster: Pick<Projection, 'store'>,
  ) {}

  async serve(path: ResourcePath, method: string, accept: string | undefined, query: Record<string, unknown>): Promise<Reply> {
    const verb = path.kind === 'collection' && method === 'GET' && isTrue(query.watch) ? 'WATCH' : method;
    if (verb !== 'GET' || path.kind === 'subresource') throw methodNotAllowed(verb, RESOURCE);
    if (path.kind === 'collection') {
      const items = path.namespace === undefined || path.namespace === NODE_LEASE_NAMESPACE ? await this.all() : [];
      const resourceVersion = String(Math.max(0, ...items.map((l) => Number(l.metadata.resourceVersion))));
      return this.reply(items, accept, query, { apiVersion: 'coordination.k8s.io/v1', kind: 'LeaseList', metadata: { resourceVersion }, items }, resourceVersion);
    }
    const lease = path.namespace === NODE_LEASE_NAMESPACE ? await this.one(path.name) : undefined;
    if (!lease) throw new StatusError(failure(404, 'NotFound', `${RESOURCE} "${path.name}" not found`, { name: path.name, group: 'coordination.k8s.io', kind: 'leases' }));
    return this.reply([lease], accept, query, lease, lease.metadata.resourceVersion);
  }

  private async one(name: string): Promise<LeaseObject | undefined> {
    const node = this.cluster.store.get({ kind: 'Node', namespace: '', name }) as Node | undefined;
    const entry = node && (await this.leases.read(name));
    return entry ? leaseObject(node, entry.lease, entry.revision) : undefined;
  }

  private async all(): Promise<LeaseObject[]> {
    const nodes = ([...this.cluster.store.list('Node')] as Node[]).map((n) => n.metadata.name).sort();
    return (await Promise.all(nodes.map((n) => this.one(n)))).filter((l): l is LeaseObject => l !== undefined);
  }

  private reply(items: LeaseObject[], accept: string | undefined, query: Record<string, unknown>, body: unknown, resourceVersion: string): Reply {
    const out = negotiateOutput(accept);
    if (out.as === 'Object') return { code: 200, body };
    const includeObject = parseIncludeObject(query.includeObject);
    const now = Date.now();
    const table: Table = {
      kind: 'Table',
      apiVersion: `meta.k8s.io/${out.version}`,
      metadata: { resourceVersion },
      columnDefinitions: leaseColumns.map((c) => ({ ...c })),
      rows: items.map((l) => ({
        cells: leaseRow(l, now).map((c, i) => typedCell(c, leaseColumns[i])),
        ...(includeObject === 'Object' ? { object: l } : includeObject === 'Metadata' ? { object: { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${out.version}`, metadata: l.metadata } } : {}),
      })),
    };
    return { code: 200, body: table, contentType: tableContentType(out.version) };
  }
}

import type { Node } from '@kubesim/api';
import { LeaseReads } from './lease-reads';

const node = (name: string) => ({ kind: 'Node', metadata: { name, uid: `uid-${name}`, creationTimestamp: '2025-01-01T00:00:00Z' } }) as unknown as Node;
const nodes = [node('node-2'), node('node-1')];
const store = {
  get: (k: { name: string }) => nodes.find((n) => n.metadata.name === k.name),
  list: () => nodes.values(),
} as never;
const renewed = { 'node-1': 7, 'node-2': 9 } as Record<string, number>;
const leases = {
  read: async (n: string) => (renewed[n] ? { lease: { holderIdentity: n, leaseDurationSeconds: 40, renewTime: '2025-01-01T00:01:00.123000Z' }, revision: renewed[n] } : undefined),
};
const reads = new LeaseReads(leases, { store });
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('node leases (coordination.k8s.io/v1, read-only)', () => {
  it('GET one: the Lease object kubectl describe node reads, owned by its Node', async () => {
    const r = await reads.serve({ kind: 'item', resource: 'leases', namespace: 'kube-node-lease', name: 'node-1' }, 'GET', 'application/json', {});
    expect(r.body).toMatchObject({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'node-1', namespace: 'kube-node-lease', resourceVersion: '7', creationTimestamp: '2025-01-01T00:00:00Z', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'uid-node-1' }] },
      spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:01:00.123000Z' },
    });
  });

  it('LIST: every node’s lease by name; other namespaces have none', async () => {
    const r = await reads.serve({ kind: 'collection', resource: 'leases', namespace: 'kube-node-lease' }, 'GET', undefined, {});
    expect(r.body).toMatchObject({ kind: 'LeaseList', metadata: { resourceVersion: '9' } });
    expect((r.body as { items: { metadata: { name: string } }[] }).items.map((l) => l.metadata.name)).toEqual(['node-1', 'node-2']);
    const elsewhere = await reads.serve({ kind: 'collection', resource: 'leases', namespace: 'default' }, 'GET', undefined, {});
    expect((elsewhere.body as { items: unknown[] }).items).toEqual([]);
  });

  it('a Table with kube-apiserver’s columns: Name, Holder, Age', async () => {
    const r = await reads.serve({ kind: 'collection', resource: 'leases' }, 'GET', TABLE, {});
    const t = r.body as { columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] };
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Holder', 'Age']);
    expect(t.rows.map((row) => row.cells.slice(0, 2))).toEqual([['node-1', 'node-1'], ['node-2', 'node-2']]);
  });

  it('a lease that does not exist → 404 naming the group', async () => {
    await expect(reads.serve({ kind: 'item', resource: 'leases', namespace: 'kube-node-lease', name: 'node-9' }, 'GET', undefined, {})).rejects.toMatchObject({
      status: { code: 404, message: 'leases.coordination.k8s.io "node-9" not found' },
    });
  });

  it.each([
    ['POST', { kind: 'collection', resource: 'leases', namespace: 'kube-node-lease' }, {}],
    ['PUT', { kind: 'item', resource: 'leases', namespace: 'kube-node-lease', name: 'node-1' }, {}],
    ['DELETE', { kind: 'item', resource: 'leases', namespace: 'kube-node-lease', name: 'node-1' }, {}],
    ['GET', { kind: 'collection', resource: 'leases' }, { watch: 'true' }],
  ] as const)('%s %j → 405, nothing changes', async (method, path, query) => {
    await expect(reads.serve(path, method, undefined, query)).rejects.toMatchObject({ status: { code: 405, reason: 'MethodNotAllowed' } });
  });
});

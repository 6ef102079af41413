import { EventLog } from '@kubesim/eventlog';
import { withApiserver } from '../apiserver.spec-helpers';
import { CommandBus } from './command-bus';

/**
 * The pipelined write path's rules, against a real nats-server: commands overlap, and no decision
 * is appended on a state missing a write it depends on (docs/decisions.md, "A pipelined write path").
 */
describe('CommandBus: concurrent writes', () => {
  const f = withApiserver();
  const http = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(f.base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { code: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const pod = (name: string, namespace = 'default') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { schedulerName: 'none', containers: [{ name: 'c', image: 'busybox' }] } });
  const codes = (rs: { code: number }[]) => rs.map((r) => r.code).reduce<Record<number, number>>((m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {});

  /** Counts appends to the log in flight at once, per subject and in all. */
  let inFlight = 0;
  let maxInFlight = 0;
  const perSubject = new Map<string, number>();
  let maxPerSubject = 0;
  beforeAll(() => {
    const log = f.app.get(EventLog);
    const append = log.append.bind(log);
    log.append = async (key, expected, record) => {
      const s = `${key.kind}/${key.namespace}/${key.name}`;
      inFlight++;
      perSubject.set(s, (perSubject.get(s) ?? 0) + 1);
      maxInFlight = Math.max(maxInFlight, inFlight);
      maxPerSubject = Math.max(maxPerSubject, perSubject.get(s)!);
      try {
        return await append(key, expected, record);
      } finally {
        inFlight--;
        perSubject.set(s, perSubject.get(s)! - 1);
      }
    };
  });
  beforeEach(() => {
    maxInFlight = 0;
    maxPerSubject = 0;
  });

  it('creates of different objects are appended concurrently, none waiting for another, and a GET after each 201 sees the object (read-your-writes)', async () => {
    const waited = f.app.get(CommandBus).waited;
    const rs = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const created = await http('POST', '/api/v1/namespaces/default/pods', pod(`ryw-${i}`));
        const read = await http('GET', `/api/v1/namespaces/default/pods/ryw-${i}`);
        return { created, read };
      }),
    );
    expect(rs.map((r) => r.created.code)).toEqual(rs.map(() => 201));
    for (const r of rs) expect(r.read).toMatchObject({ code: 200, body: { metadata: { name: r.created.body.metadata.name, resourceVersion: r.created.body.metadata.resourceVersion } } });
    expect(new Set(rs.map((r) => r.created.body.metadata.resourceVersion)).size).toBe(40);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(f.app.get(CommandBus).waited).toBe(waited);
  });

  it('two writes to one object never both succeed against the same version: one 200, the others 409', async () => {
    const cm = await http('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'race' }, data: { n: '0' } });
    expect(cm.code).toBe(201);
    const rv = cm.body.metadata.resourceVersion;
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => http('PUT', '/api/v1/namespaces/default/configmaps/race', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'race', resourceVersion: rv }, data: { n: String(i + 1) } })),
    );
    expect(codes(rs)).toEqual({ 200: 1, 409: 19 });
    const winner = rs.find((r) => r.code === 200)!;
    expect(rs.find((r) => r.code === 409)!.body).toMatchObject({ kind: 'Status', reason: 'Conflict', message: 'Operation cannot be fulfilled on configmaps "race": the object has been modified; please apply your changes to the latest version and try again' });
    expect((await http('GET', '/api/v1/namespaces/default/configmaps/race')).body).toMatchObject({ data: winner.body.data, metadata: { resourceVersion: winner.body.metadata.resourceVersion } });
    // Writes to one object are held back, not raced against JetStream's expected-sequence check.
    expect(maxPerSubject).toBe(1);
  });

  it('unconditional writes to one object all land, in turn (none lost)', async () => {
    await http('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'labels' } });
    const rs = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        fetch(`${f.base}/api/v1/namespaces/default/configmaps/labels`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ metadata: { labels: { [`l${i}`]: 'x' } } }) }),
      ),
    );
    expect(rs.map((r) => r.status)).toEqual(rs.map(() => 200));
    const labels = (await http('GET', '/api/v1/namespaces/default/configmaps/labels')).body.metadata.labels;
    expect(Object.keys(labels).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `l${i}`).sort());
  });

  it('a quota never over-admits under concurrent creates', async () => {
    await http('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quota' } });
    expect((await http('POST', '/api/v1/namespaces/quota/resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods-5' }, spec: { hard: { pods: '5' } } })).code).toBe(201);
    const rs = await Promise.all(Array.from({ length: 30 }, (_, i) => http('POST', '/api/v1/namespaces/quota/pods', pod(`q-${i}`, 'quota'))));
    expect(codes(rs)).toEqual({ 201: 5, 403: 25 });
    expect(rs.find((r) => r.code === 403)!.body.message).toMatch(/^pods "q-\d+" is forbidden: exceeded quota: pods-5, requested: pods=1, used: pods=5, limited: pods=5$/);
    expect((await http('GET', '/api/v1/namespaces/quota/pods')).body.items).toHaveLength(5);
  });

  it('concurrent generateName creates get distinct names; concurrent NodePort Services distinct ports and ClusterIPs', async () => {
    const gen = await Promise.all(Array.from({ length: 20 }, () => http('POST', '/api/v1/namespaces/default/pods', { ...pod(''), metadata: { generateName: 'gen-' } })));
    expect(gen.map((r) => r.code)).toEqual(gen.map(() => 201));
    expect(new Set(gen.map((r) => r.body.metadata.name)).size).toBe(20);
    const svcs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => http('POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: `np-${i}` }, spec: { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80 }] } })),
    );
    expect(svcs.map((r) => r.code)).toEqual(svcs.map(() => 201));
    expect(new Set(svcs.map((r) => r.body.spec.ports[0].nodePort)).size).toBe(12);
    expect(new Set(svcs.map((r) => r.body.spec.clusterIP)).size).toBe(12);
  });

  it('a create racing a delete of its namespace is refused once the namespace is Terminating', async () => {
    await http('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    const del = http('DELETE', '/api/v1/namespaces/doomed');
    const creates = Promise.all(Array.from({ length: 10 }, (_, i) => http('POST', '/api/v1/namespaces/doomed/pods', pod(`d-${i}`, 'doomed'))));
    expect((await del).code).toBe(200);
    const after = await http('POST', '/api/v1/namespaces/doomed/pods', pod('late', 'doomed'));
    expect(after).toMatchObject({ code: 403, body: { reason: 'Forbidden' } });
    // Every create either landed before the namespace was Terminating or was refused: none after.
    const ns = (await http('GET', '/api/v1/namespaces/doomed')).body;
    const pods = (await http('GET', '/api/v1/namespaces/doomed/pods')).body.items as { metadata: { resourceVersion: string } }[];
    const created = (await creates).filter((r) => r.code === 201);
    expect(pods).toHaveLength(created.length);
    for (const p of created) expect(Number(p.body.metadata.resourceVersion)).toBeLessThan(Number(ns.metadata.resourceVersion));
  });

  it('a dry run under concurrent creates writes nothing', async () => {
    const before = await f.log.lastSeq();
    const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => http('POST', '/api/v1/namespaces/default/pods?dryRun=All', pod(`dry-${i}`))));
    expect(rs.map((r) => r.code)).toEqual(rs.map(() => 201));
    expect(await f.log.lastSeq()).toBe(before);
    expect((await http('GET', '/api/v1/namespaces/default/pods/dry-0')).code).toBe(404);
  });
});

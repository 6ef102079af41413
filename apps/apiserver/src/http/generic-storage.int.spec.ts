import { withApiserver } from '../apiserver.spec-helpers';

/** A kind served from its declaration alone (ConfigMap, Secret …): every verb, on a real nats-server. */
describe('generic storage of a declared kind', () => {
  const f = withApiserver();
  const http = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(f.base + path, { method, headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { code: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  const CM = '/api/v1/namespaces/default/configmaps';
  const cm = (name: string, data: Record<string, string> = { k: 'v' }, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data });

  it('creates, reads, lists with selectors and pages, replaces, patches and deletes', async () => {
    const created = await http('POST', CM, cm('a', { k: 'v' }, { app: 'x' }));
    expect(created).toMatchObject({ code: 201, body: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', namespace: 'default' }, data: { k: 'v' } } });
    expect(created.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(created.body.metadata.resourceVersion)).toBe(await f.log.lastSeq());
    await http('POST', CM, cm('b', { k: 'w' }, { app: 'y' }));
    await http('POST', CM, cm('c', {}, { app: 'x' }));

    expect((await http('GET', `${CM}/a`)).body.data).toEqual({ k: 'v' });
    const selected = await http('GET', `${CM}?labelSelector=app%3Dx`);
    expect(selected.body).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1' });
    expect(selected.body.items.map((i: any) => i.metadata.name)).toEqual(['a', 'c']);
    expect((await http('GET', `${CM}?fieldSelector=metadata.name%3Db`)).body.items.map((i: any) => i.metadata.name)).toEqual(['b']);
    const page = await http('GET', `${CM}?limit=2`);
    expect(page.body.items).toHaveLength(2);
    const rest = await http('GET', `${CM}?limit=2&continue=${encodeURIComponent(page.body.metadata.continue)}`);
    expect(rest.body.items.map((i: any) => i.metadata.name)).toEqual(['c']);

    const replaced = await http('PUT', `${CM}/a`, { ...cm('a', { k: 'v2' }), metadata: { name: 'a', resourceVersion: created.body.metadata.resourceVersion } });
    expect(replaced).toMatchObject({ code: 200, body: { data: { k: 'v2' }, metadata: { uid: created.body.metadata.uid } } });
    const stale = await http('PUT', `${CM}/a`, { ...cm('a', { k: 'v3' }), metadata: { name: 'a', resourceVersion: created.body.metadata.resourceVersion } });
    expect(stale.code).toBe(409);
    const merged = await http('PATCH', `${CM}/a`, { data: { extra: '1' } }, 'application/merge-patch+json');
    expect(merged.body.data).toEqual({ k: 'v2', extra: '1' });
    const jsonPatched = await http('PATCH', `${CM}/a`, [{ op: 'remove', path: '/data/k' }], 'application/json-patch+json');
    expect(jsonPatched.body.data).toEqual({ extra: '1' });

    const deleted = await http('DELETE', `${CM}/a`);
    expect(deleted.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'a', kind: 'configmaps' } });
    expect(await http('GET', `${CM}/a`)).toMatchObject({ code: 404, body: { message: 'configmaps "a" not found', details: { name: 'a', kind: 'configmaps' } } });
  });

  it('deletes a collection by label selector, returning what it deleted', async () => {
    await http('POST', CM, cm('d1', {}, { batch: 'd' }));
    await http('POST', CM, cm('d2', {}, { batch: 'd' }));
    await http('POST', CM, cm('keep', {}, { batch: 'e' }));
    const r = await http('DELETE', `${CM}?labelSelector=batch%3Dd`);
    expect(r.code).toBe(200);
    expect(r.body.items.map((i: any) => i.metadata.name)).toEqual(['d1', 'd2']);
    expect((await http('GET', `${CM}?labelSelector=batch`)).body.items.map((i: any) => i.metadata.name)).toEqual(['keep']);
  });

  it('refuses a duplicate, a bad key and a strict unknown field with upstream Statuses, writing nothing', async () => {
    await http('POST', CM, cm('dup'));
    const before = await f.log.lastSeq();
    expect(await http('POST', CM, cm('dup'))).toMatchObject({ code: 409, body: { reason: 'AlreadyExists', message: 'configmaps "dup" already exists' } });
    const bad = await http('POST', CM, cm('bad', { 'bad key': 'x' }));
    expect(bad).toMatchObject({ code: 422, body: { reason: 'Invalid' } });
    expect(bad.body.message).toBe(
      `ConfigMap "bad" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    const strict = await http('POST', `${CM}?fieldValidation=Strict`, { ...cm('strict'), dta: {} });
    expect(strict).toMatchObject({ code: 400, body: { message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"' } });
    expect(await f.log.lastSeq()).toBe(before);
  });

  it('an immutable ConfigMap refuses data changes but not label changes', async () => {
    await http('POST', CM, { ...cm('frozen'), immutable: true });
    const r = await http('PATCH', `${CM}/frozen`, { data: { k: 'changed' } }, 'application/merge-patch+json');
    expect(r).toMatchObject({ code: 422, body: { message: 'ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set' } });
    expect((await http('PATCH', `${CM}/frozen`, { metadata: { labels: { a: 'b' } } }, 'application/merge-patch+json')).code).toBe(200);
  });

  it("a Secret's stringData is merged into base64 data and never stored", async () => {
    const r = await http('POST', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } });
    expect(r).toMatchObject({ code: 201, body: { type: 'Opaque', data: { password: Buffer.from('hunter2').toString('base64') } } });
    expect(r.body.stringData).toBeUndefined();
    const tls = await http('POST', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 't' }, type: 'kubernetes.io/tls', data: {} });
    expect(tls.body.message).toBe('Secret "t" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]');
  });

  it('serves cluster-scoped kinds without a namespace, and other groups under /apis', async () => {
    const sc = await http('POST', '/apis/storage.k8s.io/v1/storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'example.com/fast' });
    expect(sc).toMatchObject({ code: 201, body: { apiVersion: 'storage.k8s.io/v1', metadata: { name: 'fast' } } });
    expect(sc.body.metadata.namespace).toBeUndefined();
    expect((await http('GET', '/apis/storage.k8s.io/v1/namespaces/default/storageclasses')).code).toBe(404);
    expect((await http('GET', '/apis/storage.k8s.io/v1/storageclasses/nope')).body.message).toBe('storageclasses.storage.k8s.io "nope" not found');
  });

  it('a watch sees a new kind like any other', async () => {
    const rv = (await http('GET', CM)).body.metadata.resourceVersion;
    const ctl = new AbortController();
    const res = await fetch(`${f.base}${CM}?watch=true&resourceVersion=${rv}`, { signal: ctl.signal });
    const reader = res.body!.getReader();
    await http('POST', CM, cm('watched'));
    let text = '';
    while (!text.includes('\n')) text += new TextDecoder().decode((await reader.read()).value);
    ctl.abort();
    expect(JSON.parse(text.split('\n')[0])).toMatchObject({ type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name: 'watched' } } });
  });

  it('a verb the table does not declare is a 405', async () => {
    expect((await http('POST', '/api/v1/namespaces/default/events', { kind: 'Event' })).code).toBe(405);
  });
});

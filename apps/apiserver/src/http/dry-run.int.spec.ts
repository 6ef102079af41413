import { withApiserver } from '../apiserver.spec-helpers';

/** `?dryRun=All` (kubectl --dry-run=server, kubectl diff): admitted and answered, never written. */
describe('server-side dry run', () => {
  const f = withApiserver();
  const http = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(f.base + path, { method, headers: { 'content-type': contentType }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { code: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const CM = '/api/v1/namespaces/default/configmaps';
  const PODS = '/api/v1/namespaces/default/pods';

  it('a create answers the object as it would be stored (named, defaulted, no resourceVersion) and writes nothing', async () => {
    const seq = await f.log.lastSeq();
    const r = await http('POST', `${PODS}?dryRun=All`, { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    expect(r.code).toBe(201);
    expect(r.body.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(r.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.metadata.resourceVersion).toBeUndefined();
    expect(r.body.spec.containers[0]).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log' });
    expect(r.body.status.phase).toBe('Pending');
    expect(await f.log.lastSeq()).toBe(seq);
    expect((await http('GET', `${PODS}/${r.body.metadata.name}`)).code).toBe(404);
  });

  it('a create that admission or validation refuses is refused the same way', async () => {
    const r = await http('POST', `${CM}?dryRun=All`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } });
    expect(r.code).toBe(422);
    expect(r.body.message).toContain('ConfigMap "Bad_Name" is invalid');
  });

  it('an update, a patch and a delete answer what they would do, and the object stays as it was', async () => {
    const created = await http('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'a' } });
    const rv = created.body.metadata.resourceVersion;
    const seq = await f.log.lastSeq();

    const patched = await http('PATCH', `${CM}/settings?dryRun=All`, { data: { mode: 'b' } }, 'application/merge-patch+json');
    expect(patched).toMatchObject({ code: 200, body: { data: { mode: 'b' }, metadata: { resourceVersion: rv } } });
    const replaced = await http('PUT', `${CM}/settings?dryRun=All`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', resourceVersion: rv }, data: { mode: 'c' } });
    expect(replaced).toMatchObject({ code: 200, body: { data: { mode: 'c' } } });
    const deleted = await http('DELETE', `${CM}/settings?dryRun=All`);
    expect(deleted.code).toBe(200);

    expect(await f.log.lastSeq()).toBe(seq);
    expect((await http('GET', `${CM}/settings`)).body).toMatchObject({ data: { mode: 'a' }, metadata: { resourceVersion: rv } });
  });

  it('a dryRun value other than All is refused with kube-apiserver’s message', async () => {
    const r = await http('POST', `${CM}?dryRun=Yes`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(r).toMatchObject({ code: 400, body: { message: 'Invalid dry run value "Yes": valid values are "All"' } });
  });
});

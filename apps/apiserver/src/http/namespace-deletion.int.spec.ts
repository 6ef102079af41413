import { withApiserver } from '../apiserver.spec-helpers';

/** DELETE of a namespace on a real nats-server: Terminating, refusals, then finalize over NATS. */
describe('namespace deletion', () => {
  const f = withApiserver();
  const http = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(f.base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { code: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('DELETE answers 200 with the namespace Terminating; new content is refused (REST and NATS); finalize removes it', async () => {
    await http('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    const deleted = await http('DELETE', '/api/v1/namespaces/doomed', { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
    expect(deleted).toMatchObject({ code: 200, body: { kind: 'Namespace', metadata: { name: 'doomed' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Terminating' } } });
    expect(deleted.body.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await http('DELETE', '/api/v1/namespaces/doomed')).body.metadata.resourceVersion).toBe(deleted.body.metadata.resourceVersion);

    const refused = await http('POST', '/api/v1/namespaces/doomed/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
    expect(refused).toMatchObject({
      code: 403,
      body: { reason: 'Forbidden', message: 'configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated', details: { causes: [{ reason: 'NamespaceTerminating' }] } },
    });
    const api = f.client('replicaset-controller');
    const viaNats = await api.createObject({ object: { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-', namespace: 'doomed' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } });
    expect(viaNats).toMatchObject({ ok: false, status: { code: 403, message: 'pods "web-" is forbidden: unable to create new content in namespace doomed because it is being terminated' } });

    const ns = f.client('namespace-controller');
    expect((await ns.namespaceStatus({ name: 'doomed', conditions: [{ type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' }] })).ok).toBe(true);
    expect((await http('GET', '/api/v1/namespaces/doomed')).body.status.conditions).toEqual([{ type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' }]);
    expect((await ns.namespaceStatus({ name: 'doomed', conditions: [], finalizers: [] })).ok).toBe(true);
    expect(await http('GET', '/api/v1/namespaces/doomed')).toMatchObject({ code: 404, body: { message: 'namespaces "doomed" not found' } });
  });

  it.each(['default', 'kube-system', 'kube-public'])('%s may not be deleted (403)', async (name) => {
    if (name !== 'default') await http('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    expect(await http('DELETE', `/api/v1/namespaces/${name}`)).toMatchObject({ code: 403, body: { reason: 'Forbidden', message: `namespaces "${name}" is forbidden: this namespace may not be deleted` } });
  });
});

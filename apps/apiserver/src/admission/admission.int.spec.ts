import { withApiserver } from '../apiserver.spec-helpers';

/** The admission chain behind both entry points: the REST API and the components' NATS writes. */
describe('admission on both entry points', () => {
  const f = withApiserver();
  const http = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(f.base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { code: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const pod = (name: string, resources: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'limits' }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources }] } });

  beforeAll(async () => {
    await http('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'limits' } });
    const lr = await http('POST', '/api/v1/namespaces/limits/limitranges', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'mem-limit-range' },
      spec: { limits: [{ type: 'Container', max: { memory: '1Gi' }, default: { memory: '512Mi' }, defaultRequest: { memory: '256Mi' } }] },
    });
    expect(lr.code).toBe(201);
    await http('POST', '/api/v1/namespaces/limits/resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods-2' }, spec: { hard: { pods: '2' } } });
  });

  it('REST: LimitRange defaults are applied and annotated; a pod over the max is a 403', async () => {
    const created = await http('POST', '/api/v1/namespaces/limits/pods', pod('rest-default'));
    expect(created.code).toBe(201);
    expect(created.body.spec.containers[0].resources).toEqual({ requests: { memory: '256Mi' }, limits: { memory: '512Mi' } });
    expect(created.body.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: memory request for container nginx; memory limit for container nginx');
    const before = await f.log.lastSeq();
    const refused = await http('POST', '/api/v1/namespaces/limits/pods', pod('too-big', { limits: { memory: '1.5Gi' } }));
    expect(refused).toMatchObject({ code: 403, body: { reason: 'Forbidden', message: 'pods "too-big" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi.' } });
    expect(await f.log.lastSeq()).toBe(before);
  });

  it('NATS: a controller’s pod gets the same defaults, and the quota refuses the third pod with its generated name', async () => {
    const api = f.client('replicaset-controller');
    const ok = await api.createObject({ object: { ...pod(''), metadata: { generateName: 'web-', namespace: 'limits' } } });
    expect(ok.ok).toBe(true);
    const stored = (await http('GET', `/api/v1/namespaces/limits/pods/${ok.ok ? ok.name : ''}`)).body;
    expect(stored.spec.containers[0].resources.limits).toEqual({ memory: '512Mi' });
    const refused = await api.createObject({ object: { ...pod(''), metadata: { generateName: 'web-', namespace: 'limits' } } });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.status).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(refused.status.message).toMatch(/^pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: pods-2, requested: pods=1, used: pods=2, limited: pods=2$/);
  });
});

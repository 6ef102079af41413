import { withApiserver } from '../apiserver.spec-helpers';

/** managedFields on every write: who set which field, as kube-apiserver's field manager records it. */
describe('managedFields', () => {
  const f = withApiserver();
  const http = async (method: string, path: string, body?: unknown, contentType = 'application/json', userAgent = 'kubectl/v1.32.0 (linux/amd64) kubernetes/abc') => {
    const res = await fetch(f.base + path, { method, headers: { 'content-type': contentType, 'user-agent': userAgent }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    return { code: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';
  const deployment = (name: string, replicas = 1) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  });

  it('a create is an Update by ?fieldManager= owning what it set and what defaulting filled in, in FieldsV1', async () => {
    const r = await http('POST', `${DEPLOYS}?fieldManager=kubectl-create`, deployment('web'));
    expect(r.code).toBe(201);
    const [entry] = r.body.metadata.managedFields;
    expect(entry).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
    expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(entry.subresource).toBeUndefined();
    const spec = entry.fieldsV1['f:spec'];
    expect(entry.fieldsV1['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {} } });
    expect(spec['f:replicas']).toEqual({});
    expect(spec['f:selector']).toEqual({}); // a LabelSelector is atomic
    expect(spec['.']).toBeUndefined();
    expect(spec['f:template']['f:spec']['f:containers']['.']).toBeUndefined(); // compared with the zero Deployment, whose containers are null
    expect(spec['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']).toMatchObject({ '.': {}, 'f:image': {}, 'f:name': {}, 'f:imagePullPolicy': {} });
    expect(entry.fieldsV1['f:status']).toBeUndefined();
  });

  it('the manager is the user agent’s first word without ?fieldManager=; a change by another takes the field from the first', async () => {
    await http('POST', DEPLOYS, deployment('api'), 'application/json', 'kubectl/v1.32.0 (linux/amd64)');
    const r = await http('PATCH', `${DEPLOYS}/api?fieldManager=kubectl-edit`, { spec: { replicas: 3 } }, 'application/merge-patch+json');
    expect(r.code).toBe(200);
    const byManager = Object.fromEntries(r.body.metadata.managedFields.map((e: { manager: string }) => [e.manager, e]));
    expect(Object.keys(byManager).sort()).toEqual(['kubectl', 'kubectl-edit']);
    expect(byManager['kubectl-edit'].fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(byManager.kubectl.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
  });

  it('a write to /status is recorded with subresource status and owns only status', async () => {
    const CM = '/api/v1/namespaces/default/services';
    await http('POST', `${CM}?fieldManager=kubectl-create`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
    const r = await http('PATCH', `${CM}/lb/status?fieldManager=cloud`, { status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }, 'application/merge-patch+json');
    expect(r.code).toBe(200);
    const cloud = r.body.metadata.managedFields.find((e: { manager: string }) => e.manager === 'cloud');
    expect(cloud).toMatchObject({ operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': { 'f:loadBalancer': { 'f:ingress': {} } } } });
    const creator = r.body.metadata.managedFields.find((e: { manager: string }) => e.manager === 'kubectl-create');
    expect(creator.fieldsV1['f:spec']['f:ports']['k:{"port":80,"protocol":"TCP"}']).toBeDefined();
  });

  it('a write that changes nothing leaves managedFields and the resourceVersion as they were', async () => {
    const created = await http('POST', `${DEPLOYS}?fieldManager=kubectl-create`, deployment('same'));
    const again = await http('PUT', `${DEPLOYS}/same?fieldManager=other`, { ...created.body, metadata: { ...created.body.metadata, managedFields: undefined } });
    expect(again.code).toBe(200);
    expect(again.body.metadata.resourceVersion).toBe(created.body.metadata.resourceVersion);
    expect(again.body.metadata.managedFields).toEqual(created.body.metadata.managedFields);
  });
});

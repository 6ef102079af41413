import { withApiserver } from '../apiserver.spec-helpers';

/** Server-side apply (PATCH application/apply-patch+yaml): merge by field ownership, conflicts, force. */
describe('server-side apply', () => {
  const f = withApiserver();
  const http = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(f.base + path, { method, headers: { 'content-type': contentType }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    return { code: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const APPLY = 'application/apply-patch+yaml';
  const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';
  const yaml = (name: string, replicas: number, image = 'nginx:1.27', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
${extra}spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;
  const managers = (o: { metadata: { managedFields: { manager: string; operation: string }[] } }) => o.metadata.managedFields.map((e) => `${e.manager}/${e.operation}`).sort();

  it('creates an absent object; the applier owns exactly what it applied', async () => {
    const r = await http('PATCH', `${DEPLOYS}/web?fieldManager=ops`, yaml('web', 2), APPLY);
    expect(r.code).toBe(201);
    expect(r.body.spec.replicas).toBe(2);
    expect(r.body.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent'); // defaulted, not owned
    const [entry] = r.body.metadata.managedFields;
    expect(entry).toMatchObject({ manager: 'ops', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
    expect(entry.fieldsV1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']).toEqual({ '.': {}, 'f:image': {}, 'f:name': {} });
  });

  it('without a fieldManager it is upstream’s 400', async () => {
    const r = await http('PATCH', `${DEPLOYS}/web`, yaml('web', 2), APPLY);
    expect(r).toMatchObject({ code: 400, body: { reason: 'BadRequest', message: 'fieldManager is required for apply requests' } });
  });

  it('a field another manager changed is a 409 with upstream’s message and causes; force takes it over', async () => {
    await http('PATCH', `${DEPLOYS}/api?fieldManager=ops`, yaml('api', 1), APPLY);
    await http('PATCH', `${DEPLOYS}/api?fieldManager=kubectl-client-side-apply`, { spec: { replicas: 5 } }, 'application/strategic-merge-patch+json');
    const seq = await f.log.lastSeq();
    const refused = await http('PATCH', `${DEPLOYS}/api?fieldManager=ops`, yaml('api', 2), APPLY);
    expect(refused.code).toBe(409);
    expect(refused.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
    });
    expect(await f.log.lastSeq()).toBe(seq); // nothing written

    const forced = await http('PATCH', `${DEPLOYS}/api?fieldManager=ops&force=true`, yaml('api', 2), APPLY);
    expect(forced.code).toBe(200);
    expect(forced.body.spec.replicas).toBe(2);
    const csa = forced.body.metadata.managedFields.find((e: { manager: string }) => e.manager === 'kubectl-client-side-apply');
    expect(csa).toBeUndefined(); // it owned only replicas, now the applier's
  });

  it('several conflicts are listed by manager', async () => {
    await http('PATCH', `${DEPLOYS}/multi?fieldManager=ops`, yaml('multi', 1), APPLY);
    await http('PATCH', `${DEPLOYS}/multi?fieldManager=editor`, { spec: { replicas: 4, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } }, 'application/strategic-merge-patch+json');
    const r = await http('PATCH', `${DEPLOYS}/multi?fieldManager=ops`, yaml('multi', 3, 'nginx:1.29'), APPLY);
    expect(r.code).toBe(409);
    expect(r.body.message).toBe('Apply failed with 2 conflicts: conflicts with "editor" using apps/v1\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image');
    expect(r.body.details.causes.map((c: { field: string }) => c.field)).toEqual(['.spec.replicas', '.spec.template.spec.containers[name="nginx"].image']);
  });

  it('a field the applier stops setting is removed; one another manager also set stays', async () => {
    await http('PATCH', `${DEPLOYS}/labels?fieldManager=ops`, yaml('labels', 1, 'nginx:1.27', '    tier: web\n'), APPLY);
    await http('PATCH', `${DEPLOYS}/labels?fieldManager=other`, { metadata: { labels: { team: 'a' } } }, 'application/merge-patch+json');
    const r = await http('PATCH', `${DEPLOYS}/labels?fieldManager=ops`, yaml('labels', 1), APPLY);
    expect(r.code).toBe(200);
    expect(r.body.metadata.labels).toEqual({ app: 'labels', team: 'a' });
    expect(managers(r.body)).toEqual(['ops/Apply', 'other/Update']);
  });

  it('a second applier setting the same value shares the field without conflict', async () => {
    await http('PATCH', `${DEPLOYS}/shared?fieldManager=ops`, yaml('shared', 1), APPLY);
    const r = await http('PATCH', `${DEPLOYS}/shared?fieldManager=ci`, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shared\nspec:\n  replicas: 1\n', APPLY);
    expect(r.code).toBe(200);
    expect(managers(r.body)).toEqual(['ci/Apply', 'ops/Apply']);
  });

  it('applies status through /status and pods, and answers a dry run without writing', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: b\nspec:\n  containers:\n  - name: app\n    image: nginx\n';
    const created = await http('PATCH', '/api/v1/namespaces/default/pods/p?fieldManager=ops', pod, APPLY);
    expect(created.code).toBe(201);
    const seq = await f.log.lastSeq();
    const dry = await http('PATCH', '/api/v1/namespaces/default/pods/p?fieldManager=ops&dryRun=All', pod.replace('a: b', 'a: c'), APPLY);
    expect(dry).toMatchObject({ code: 200, body: { metadata: { labels: { a: 'c' } } } });
    expect(await f.log.lastSeq()).toBe(seq);
    const svc = await http('PATCH', '/api/v1/namespaces/default/services/s?fieldManager=ops', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 80\n', APPLY);
    expect(svc.code).toBe(201);
    const st = await http('PATCH', '/api/v1/namespaces/default/services/s/status?fieldManager=cloud', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nstatus:\n  loadBalancer:\n    ingress:\n    - ip: 1.2.3.4\n', APPLY);
    expect(st.code).toBe(200);
    expect(st.body.status.loadBalancer.ingress).toEqual([{ ip: '1.2.3.4' }]);
    expect(st.body.metadata.managedFields.find((e: { manager: string }) => e.manager === 'cloud')).toMatchObject({ operation: 'Apply', subresource: 'status' });
  });

  it('a Namespace is created by apply, and applying it again as it is changes nothing', async () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n    team: a\n';
    const created = await http('PATCH', '/api/v1/namespaces/team-a?fieldManager=ops', ns, APPLY);
    expect(created.code).toBe(201);
    expect(created.body.metadata.labels).toMatchObject({ team: 'a', 'kubernetes.io/metadata.name': 'team-a' });
    const again = await http('PATCH', '/api/v1/namespaces/team-a?fieldManager=ops', ns, APPLY);
    expect(again).toMatchObject({ code: 200, body: { metadata: { resourceVersion: created.body.metadata.resourceVersion } } });
  });
});

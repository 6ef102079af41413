import type { INestApplication } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import type { Pod, Status } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { connectNats, EventLog } from '@kubesim/eventlog';
import { startNatsServer, type NatsServerHandle } from '@kubesim/testing';
import type { NatsConnection } from 'nats';
import type { AddressInfo } from 'node:net';
import { startApiserver } from './apiserver';
import { ApiserverConfig } from './config/apiserver.config';
import { bytesOf, KUBECTL_BODIES } from './http/protobuf/kubectl-bodies.fixture';

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: name } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
  ...extra,
});

describe('apiserver on a real nats-server', () => {
  let nats: NatsServerHandle;
  let app: INestApplication;
  let base: string;
  let nc: NatsConnection;
  let log: EventLog;
  let api: ApiClient;

  const start = async () => {
    const config = Object.assign(new ApiserverConfig(), { natsUrl: nats.url, port: 0, logLevel: 'error', disableAdmissionPlugins: 'ServiceAccount' });
    app = await startApiserver(config);
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  };
  const http = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(base + path, { method, headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body) });
    return { code: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    await start();
    nc = await connectNats(nats.url, 'test');
    log = await EventLog.open(nc);
    api = new ApiClient(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } }), 'default-scheduler');
  });
  afterAll(async () => {
    await api?.close();
    await nc?.close();
    await app?.close();
    await nats?.stop();
  });

  it('starts with the default namespaces, each an event in the log', async () => {
    const r = await http('GET', '/api/v1/namespaces');
    expect(r.body.items.map((n: any) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(Number(r.body.metadata.resourceVersion)).toBe(await log.lastSeq());
  });

  it('creates a pod with Kubernetes defaults; its resourceVersion is the stream sequence', async () => {
    const r = await http('POST', '/api/v1/namespaces/default/pods', pod('web'));
    expect(r.code).toBe(201);
    const p = r.body as Pod;
    expect(p.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.metadata.resourceVersion).toBe(String(await log.lastSeq()));
    expect(p.spec).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', dnsPolicy: 'ClusterFirst' });
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    ['a missing image', pod('bad', { spec: { containers: [{ name: 'c' }] } }), 422, 'Pod "bad" is invalid: spec.containers[0].image: Required value'],
    ['an unsupported restartPolicy', pod('bad2', { spec: { restartPolicy: 'Sometimes', containers: [{ name: 'c', image: 'nginx' }] } }), 422, 'Pod "bad2" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"'],
    ['a malformed body', '{"metadata": ', 400, undefined],
    ['an existing name', pod('web'), 409, 'pods "web" already exists'],
  ])('refuses %s with a Status and appends nothing', async (_case, body, code, message) => {
    const before = await log.lastSeq();
    const r = await http('POST', '/api/v1/namespaces/default/pods', body);
    expect(r.code).toBe(code);
    expect(r.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code });
    if (message) expect(r.body.message).toBe(message);
    expect(await log.lastSeq()).toBe(before);
  });

  it('refuses an unknown field with fieldValidation=Strict (kubectl’s default), naming it; warns without it', async () => {
    const before = await log.lastSeq();
    const typo = pod('typo', { spec: { containers: [{ name: 'c', image: 'nginx', imagePullPolicyy: 'Always' }] } });
    const strict = await http('POST', '/api/v1/namespaces/default/pods?fieldValidation=Strict', typo);
    expect(strict.code).toBe(400);
    expect(strict.body.message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"');
    expect(await log.lastSeq()).toBe(before);
    const res = await fetch(`${base}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(typo) });
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toBe('299 - "unknown field \\"spec.containers[0].imagePullPolicyy\\""');
    await http('DELETE', '/api/v1/namespaces/default/pods/typo');
  });

  it('names the field in details.causes', async () => {
    const r = await http('POST', '/api/v1/namespaces/default/pods', pod('bad3', { spec: { containers: [{ name: 'c' }] } }));
    expect((r.body as Status).details?.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }]);
  });

  it('answers 404 NotFound for a missing pod and an unknown namespace', async () => {
    expect((await http('GET', '/api/v1/namespaces/default/pods/nope')).body).toMatchObject({ code: 404, reason: 'NotFound', message: 'pods "nope" not found' });
    const r = await http('POST', '/api/v1/namespaces/nowhere/pods', pod('x'));
    expect(r.body).toMatchObject({ code: 404, reason: 'NotFound', message: 'namespaces "nowhere" not found' });
  });

  it('a resource kubesim does not serve: 404 naming the verb and resource, as client-go words it', async () => {
    const created = await http('POST', '/api/v1/namespaces/default/widgets', { apiVersion: 'v1', kind: 'Widget', metadata: { name: 'c' } });
    expect(created).toMatchObject({ code: 404, body: { reason: 'NotFound', message: 'the server could not find the requested resource (post widgets)' } });
    expect((await http('GET', '/api/v1/namespaces/default/widgets/s')).body.message).toBe('the server could not find the requested resource (get widgets s)');
    expect((await http('POST', '/apis/networking.k8s.io/v1/namespaces/default/ingresses', { kind: 'Ingress' })).body.message).toBe('the server could not find the requested resource (post ingresses.networking.k8s.io)');
    // A served group (apps/v1 serves all of its upstream resources now), an unknown resource in it.
    expect((await http('POST', '/apis/apps/v1/namespaces/default/widgets', { kind: 'Widget' })).body.message).toBe('the server could not find the requested resource (post widgets.apps)');
    expect((await http('GET', '/apis/networking.k8s.io/v1')).body).toMatchObject({ code: 404, message: 'the server could not find the requested resource' });
  });

  it('a Deployment sent as Kubernetes protobuf (kubectl create deployment’s body) is created like a JSON one', async () => {
    const res = await fetch(`${base}/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/vnd.kubernetes.protobuf,application/json' },
      body: bytesOf(KUBECTL_BODIES.createDeploymentNginx3),
    });
    expect(res.status).toBe(201);
    const d = (await res.json()) as any;
    expect(d).toMatchObject({ kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } }, spec: { replicas: 3, strategy: { type: 'RollingUpdate' } } });
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log' });
  });

  it('refuses a stale write with 409 Conflict (optimistic concurrency) and accepts a current one', async () => {
    const current = (await http('GET', '/api/v1/namespaces/default/pods/web')).body as Pod;
    const ok = await http('PUT', '/api/v1/namespaces/default/pods/web', { ...current, metadata: { ...current.metadata, labels: { app: 'web', tier: 'front' } } });
    expect(ok.code).toBe(200);
    const before = await log.lastSeq();
    const stale = await http('PUT', '/api/v1/namespaces/default/pods/web', { ...current, metadata: { ...current.metadata, labels: { app: 'stale' } } });
    expect(stale.code).toBe(409);
    expect(stale.body).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect(await log.lastSeq()).toBe(before);
  });

  it('selects by label and by spec.nodeName', async () => {
    await http('POST', '/api/v1/namespaces/default/pods', pod('db'));
    const bound = await api.bindPod({ namespace: 'default', name: 'db', uid: (await http('GET', '/api/v1/namespaces/default/pods/db')).body.metadata.uid, node: 'node-1' });
    expect(bound.ok).toBe(true);
    const names = async (q: string) => (await http('GET', `/api/v1/namespaces/default/pods?${q}`)).body.items.map((p: any) => p.metadata.name);
    expect(await names('labelSelector=app%3Dweb')).toEqual(['web']);
    expect(await names('labelSelector=app%20in%20(web,db)')).toEqual(['db', 'web']);
    expect(await names('fieldSelector=spec.nodeName%3Dnode-1')).toEqual(['db']);
    expect(await names('fieldSelector=spec.nodeName%3D')).toEqual(['web']);
    expect((await http('GET', '/api/v1/namespaces/default/pods?fieldSelector=spec.bogus%3Dx')).code).toBe(400);
  });

  it('binds a pod at most once; the second binding is refused', async () => {
    const db = (await http('GET', '/api/v1/namespaces/default/pods/db')).body as Pod;
    expect(db.spec.nodeName).toBe('node-1');
    expect(db.status.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    const again = await api.bindPod({ namespace: 'default', name: 'db', uid: db.metadata.uid, node: 'node-2' });
    expect(again).toMatchObject({ ok: false, status: { code: 409, reason: 'Conflict' } });
    const events = (await http('GET', '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Ddb')).body.items;
    expect(events.map((e: any) => [e.reason, e.message])).toEqual([['Scheduled', 'Successfully assigned default/db to node-1']]);
  });

  it('answers a malformed NATS request with a 400-style reply', async () => {
    const r = await api.bindPod({ namespace: 'default', name: '', uid: 'x', node: 'node-1' } as any);
    expect(r).toMatchObject({ ok: false, status: { code: 400, reason: 'BadRequest' } });
  });

  it('streams changes after a resourceVersion as {type, object} lines', async () => {
    const rv = (await http('GET', '/api/v1/namespaces/default/pods')).body.metadata.resourceVersion;
    const res = await fetch(`${base}/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}&timeoutSeconds=2`);
    await http('POST', '/api/v1/namespaces/default/pods', pod('watched'));
    await http('DELETE', '/api/v1/namespaces/default/pods/watched');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.type, l.object.metadata.name])).toEqual([
      ['ADDED', 'watched'],
      ['DELETED', 'watched'],
    ]);
    expect(Number(lines[1].object.metadata.resourceVersion)).toBeGreaterThan(Number(lines[0].object.metadata.resourceVersion));
  });

  it('deletes a bound pod gracefully: deletionTimestamp now + 30s, the object stays', async () => {
    const r = await http('DELETE', '/api/v1/namespaces/default/pods/db');
    expect(r.code).toBe(200);
    expect(r.body.metadata.deletionGracePeriodSeconds).toBe(30);
    const delay = Date.parse(r.body.metadata.deletionTimestamp) - Date.now();
    expect(delay).toBeGreaterThan(25_000);
    expect(delay).toBeLessThanOrEqual(30_000);
    expect((await http('GET', '/api/v1/namespaces/default/pods/db')).code).toBe(200);
  });

  it('re-creates a pod with the name of a deleted one (its subject keeps its history)', async () => {
    expect((await http('POST', '/api/v1/namespaces/default/pods', pod('again'))).code).toBe(201);
    expect((await http('DELETE', '/api/v1/namespaces/default/pods/again')).code).toBe(200);
    const again = await http('POST', '/api/v1/namespaces/default/pods', pod('again'));
    expect(again.code).toBe(201);
    expect(again.body.metadata.resourceVersion).toBe(String(await log.lastSeq()));
  });

  it('rebuilds the same objects with the same resourceVersions after a restart', async () => {
    const before = (await http('GET', '/api/v1/pods')).body;
    const nsBefore = (await http('GET', '/api/v1/namespaces')).body;
    await app.close();
    await start();
    expect((await http('GET', '/api/v1/pods')).body).toEqual(before);
    expect((await http('GET', '/api/v1/namespaces')).body).toEqual(nsBefore);
    // The rebuilt projection knows deleted names too.
    expect((await http('DELETE', '/api/v1/namespaces/default/pods/again')).code).toBe(200);
    expect((await http('POST', '/api/v1/namespaces/default/pods', pod('again'))).code).toBe(201);
  });
});

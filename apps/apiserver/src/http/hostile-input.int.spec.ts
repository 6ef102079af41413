import type { ApiClient } from '@kubesim/cluster-client';
import { aNode } from '@kubesim/testing';
import { withApiserver } from '../apiserver.spec-helpers';

const pod = (name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...metadata },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const deployment = (name: string, replicas: unknown) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

const PODS = '/api/v1/namespaces/default/pods';
const JSON_TYPE = 'application/json';
const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

interface Case {
  name: string;
  method: string;
  path: string;
  body: string;
  headers?: Record<string, string>;
  code: number;
  reason: string;
  message: string | RegExp;
}

/**
 * The requests of issue 15's "Why" list, each of which once crashed, poisoned or wedged a
 * component or reached a 500: each is now a 4xx Status naming the problem, writes nothing, and
 * the apiserver answers the next request as before.
 */
const CASES: Case[] = [
  {
    name: 'a node merge patch making taints a string',
    method: 'PATCH',
    path: '/api/v1/nodes/node-1',
    body: JSON.stringify({ spec: { taints: 'x' } }),
    headers: { 'content-type': MERGE },
    code: 422,
    reason: 'Invalid',
    message: /^ "" is invalid: patch: Invalid value: ".*": json: cannot unmarshal string into Go struct field NodeSpec\.spec\.taints of type \[\]v1\.Taint$/,
  },
  {
    name: 'a pod whose ownerReferences are a string',
    method: 'POST',
    path: PODS,
    body: JSON.stringify(pod('own', {}, { ownerReferences: 'x' })),
    code: 400,
    reason: 'BadRequest',
    message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference',
  },
  {
    name: 'a JSON patch adding /__proto__/nodeName',
    method: 'PATCH',
    path: `${PODS}/web`,
    body: JSON.stringify([{ op: 'add', path: '/__proto__/nodeName', value: 'node-1' }]),
    headers: { 'content-type': JSON_PATCH },
    code: 422,
    reason: 'Invalid',
    message: 'jsonpatch add operation does not apply: path /__proto__/nodeName has the segment "__proto__", which kubesim does not patch',
  },
  {
    name: 'a merge patch with a __proto__ key',
    method: 'PATCH',
    path: `${PODS}/web`,
    body: '{"__proto__":{"polluted":true}}',
    headers: { 'content-type': MERGE },
    code: 400,
    reason: 'BadRequest',
    message: 'the patch has a field named "__proto__", which kubesim does not patch',
  },
  {
    name: '1,000 nested [ as application/yaml',
    method: 'POST',
    path: PODS,
    body: '['.repeat(1000),
    headers: { 'content-type': 'application/yaml' },
    code: 400,
    reason: 'BadRequest',
    message: 'the body of the request nests objects and lists more than 100 deep (exceeded max depth)',
  },
  {
    name: '100,000 nested [ as JSON',
    method: 'POST',
    path: PODS,
    body: '['.repeat(100_000),
    code: 400,
    reason: 'BadRequest',
    message: 'the body of the request nests objects and lists more than 100 deep (exceeded max depth)',
  },
  {
    name: 'replicas: 2147483648 (past int32)',
    method: 'POST',
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: JSON.stringify(deployment('big', 2147483648)),
    code: 400,
    reason: 'BadRequest',
    message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'terminationGracePeriodSeconds: 1e20 (past int64)',
    method: 'POST',
    path: PODS,
    body: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"g"},"spec":{"terminationGracePeriodSeconds":1e20,"containers":[{"name":"c","image":"nginx"}]}}',
    code: 400,
    reason: 'BadRequest',
    message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 100000000000000000000 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64',
  },
  {
    name: 'a DELETE with gracePeriodSeconds=1e20',
    method: 'DELETE',
    path: `${PODS}/web?gracePeriodSeconds=100000000000000000000`,
    body: '',
    code: 400,
    reason: 'BadRequest',
    message: 'invalid gracePeriodSeconds: 100000000000000000000',
  },
  {
    name: 'a truncated JSON merge patch',
    method: 'PATCH',
    path: `${PODS}/web`,
    body: '{"spec":{',
    headers: { 'content-type': MERGE },
    code: 400,
    reason: 'BadRequest',
    message: /^the body of the request was in an unknown format: /,
  },
  {
    name: '[null] as a JSON patch',
    method: 'PATCH',
    path: `${PODS}/web`,
    body: '[null]',
    headers: { 'content-type': JSON_PATCH },
    code: 400,
    reason: 'BadRequest',
    message: 'json patch operation 0 must be an object',
  },
  {
    name: 'tolerations: {}',
    method: 'POST',
    path: PODS,
    body: JSON.stringify(pod('t', { tolerations: {} })),
    code: 400,
    reason: 'BadRequest',
    message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.tolerations of type []v1.Toleration',
  },
  {
    name: 'a 1.5 MB annotation',
    method: 'POST',
    path: PODS,
    body: JSON.stringify(pod('big', {}, { annotations: { a: 'x'.repeat(1_500_000) } })),
    code: 422,
    reason: 'Invalid',
    message: 'Pod "big" is invalid: metadata.annotations: Too long: must have at most 262144 bytes',
  },
  {
    name: 'an object larger than one log record (1.2 MB of container args)',
    method: 'POST',
    path: PODS,
    body: JSON.stringify(pod('args', { containers: Array.from({ length: 12 }, (_, i) => ({ name: `c${i}`, image: 'nginx', args: ['x'.repeat(100_000)] })) })),
    code: 413,
    reason: 'RequestEntityTooLarge',
    message: 'Request entity too large: limit is 1048576',
  },
  {
    name: 'a body over 3 MiB',
    method: 'POST',
    path: PODS,
    body: 'a'.repeat(3 * 1024 * 1024 + 1),
    code: 413,
    reason: 'RequestEntityTooLarge',
    message: 'Request entity too large: limit is 3145728',
  },
  {
    name: 'a bogus charset',
    method: 'POST',
    path: PODS,
    body: JSON.stringify(pod('cs')),
    headers: { 'content-type': 'application/json; charset=bogus' },
    code: 415,
    reason: 'UnsupportedMediaType',
    message: 'unsupported charset "BOGUS": the body of the request must be UTF-8',
  },
  {
    name: 'a fake Content-Encoding: gzip',
    method: 'POST',
    path: PODS,
    body: JSON.stringify(pod('gz')),
    headers: { 'content-encoding': 'gzip' },
    code: 415,
    reason: 'UnsupportedMediaType',
    message: 'unsupported content encoding "gzip": kube-apiserver reads request bodies uncompressed (Content-Encoding: identity)',
  },
  {
    name: 'a NodePort Service asking for more ports than the range holds',
    method: 'POST',
    path: '/api/v1/namespaces/default/services',
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', ports: Array.from({ length: 2769 }, (_, i) => ({ name: `p${i}`, port: i + 1 })) } }),
    code: 422,
    reason: 'Invalid',
    message: 'Service "np" is invalid: spec.ports[2768].nodePort: Invalid value: 0: failed to allocate a nodePort: range is full',
  },
  {
    name: 'a Service name longer than a DNS label',
    method: 'POST',
    path: '/api/v1/namespaces/default/services',
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a'.repeat(70) }, spec: { ports: [{ port: 80 }] } }),
    code: 422,
    reason: 'Invalid',
    message: `Service "${'a'.repeat(70)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(70)}": must be no more than 63 characters`,
  },
  {
    name: 'a label value that is not a label',
    method: 'POST',
    path: PODS,
    body: JSON.stringify(pod('lbl', {}, { labels: { app: 'not a label' } })),
    code: 422,
    reason: 'Invalid',
    message: /^Pod "lbl" is invalid: metadata\.labels: Invalid value: "not a label": a valid label must be an empty string or consist of alphanumeric characters/,
  },
  {
    name: 'a status patch making conditions a number',
    method: 'PATCH',
    path: '/apis/apps/v1/namespaces/default/deployments/web/status',
    body: JSON.stringify({ status: { conditions: 7 } }),
    headers: { 'content-type': MERGE },
    code: 422,
    reason: 'Invalid',
    message: /json: cannot unmarshal number into Go struct field DeploymentStatus\.status\.conditions of type \[\]v1\.DeploymentCondition$/,
  },
  {
    name: 'a strategic merge patch making a container port a string',
    method: 'PATCH',
    path: `${PODS}/web`,
    body: JSON.stringify({ spec: { containers: [{ name: 'c', ports: [{ containerPort: 'eighty' }] }] } }),
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    code: 422,
    reason: 'Invalid',
    message: /json: cannot unmarshal string into Go struct field ContainerPort\.spec\.containers\.ports\.containerPort of type int32$/,
  },
];

describe('hostile input at the REST edge (issue 15 "Why")', () => {
  const env = withApiserver();
  let kubelet: ApiClient;
  const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(env.base + path, { method, headers: { 'content-type': JSON_TYPE, ...headers }, body: method === 'GET' || body === undefined || body === '' ? undefined : body });

  beforeAll(async () => {
    kubelet = env.client('kubelet/node-1');
    expect((await kubelet.registerNode({ node: aNode('node-1') })).ok).toBe(true);
    expect((await send('POST', PODS, JSON.stringify(pod('web')))).status).toBe(201);
    expect((await send('POST', '/apis/apps/v1/namespaces/default/deployments', JSON.stringify(deployment('web', 1)))).status).toBe(201);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: a 4xx Status naming it, nothing written', async (_name, c) => {
    const before = await env.log.lastSeq();
    const res = await send(c.method, c.path, c.body, c.headers);
    const status = (await res.json()) as { kind: string; code: number; reason: string; message: string };
    expect({ code: res.status, kind: status.kind, reason: status.reason, statusCode: status.code }).toEqual({ code: c.code, kind: 'Status', reason: c.reason, statusCode: c.code });
    if (typeof c.message === 'string') expect(status.message).toBe(c.message);
    else expect(status.message).toMatch(c.message);
    expect(await env.log.lastSeq()).toBe(before);
  });

  it('a 300-character generateName makes a 63-character name, as upstream truncates the prefix to 58', async () => {
    const res = await send('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'a'.repeat(300) } }));
    expect(res.status).toBe(201);
    const name = ((await res.json()) as { metadata: { name: string } }).metadata.name;
    expect(name).toMatch(/^a{58}[a-z0-9]{5}$/);
  });

  it('after all of them, a create still succeeds and the node and pod are as they were', async () => {
    expect((await send('POST', PODS, JSON.stringify(pod('after')))).status).toBe(201);
    const node = await (await send('GET', '/api/v1/nodes/node-1')).json();
    expect(node.spec.taints ?? []).toEqual([]);
    const web = await (await send('GET', `${PODS}/web`)).json();
    expect(web.spec.nodeName).toBeUndefined();
    expect(({} as Record<string, unknown>).nodeName).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

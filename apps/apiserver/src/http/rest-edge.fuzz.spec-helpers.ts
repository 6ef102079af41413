import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';

/**
 * Generators of hostile requests to the REST edge, for `hostile-input.fuzz.int.spec.ts`: valid
 * objects of every served kind with a few fields set to values of the wrong type, range or size;
 * patches of every type (JSON, merge, strategic, apply) with prototype keys and malformed
 * operations; content types, charsets and encodings; query parameters; path segments.
 */

export interface FuzzRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

type Obj = Record<string, unknown>;
const labels = { app: 'web' };
const template = { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } };
const selector = { matchLabels: labels };

/** One served kind: its collection, an object that exists (created before the run) and a valid body. */
export interface Target {
  collection: string;
  name: string;
  subresources: string[];
  body: Obj;
}

const ns = '/api/v1/namespaces/default';
const apps = '/apis/apps/v1/namespaces/default';
export const TARGETS: Target[] = [
  { collection: `${ns}/pods`, name: 'web', subresources: ['status', 'binding', 'eviction'], body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels }, spec: template.spec } },
  { collection: '/api/v1/nodes', name: 'node-1', subresources: ['status'], body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels }, spec: {} } },
  { collection: '/api/v1/namespaces', name: 'fuzz', subresources: ['status'], body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fuzz' } } },
  { collection: `${ns}/services`, name: 'svc', subresources: ['status'], body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { type: 'NodePort', selector: labels, ports: [{ port: 80, targetPort: 8080 }] } } },
  { collection: `${ns}/configmaps`, name: 'cm', subresources: [], body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } } },
  { collection: `${ns}/secrets`, name: 'sec', subresources: [], body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, data: { a: 'Yg==' } } },
  { collection: `${ns}/replicationcontrollers`, name: 'rc', subresources: ['status', 'scale'], body: { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { replicas: 1, selector: labels, template } } },
  { collection: `${apps}/deployments`, name: 'web', subresources: ['status', 'scale'], body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector, template } } },
  { collection: `${apps}/replicasets`, name: 'rs', subresources: ['status', 'scale'], body: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { replicas: 1, selector, template } } },
  { collection: `${apps}/daemonsets`, name: 'ds', subresources: ['status'], body: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector, template } } },
  { collection: `${apps}/statefulsets`, name: 'sts', subresources: ['status', 'scale'], body: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'sts' }, spec: { replicas: 1, serviceName: 'svc', selector, template } } },
  {
    collection: '/apis/batch/v1/namespaces/default/jobs',
    name: 'job',
    subresources: ['status'],
    body: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job' }, spec: { template: { spec: { ...template.spec, restartPolicy: 'Never' } } } },
  },
  {
    collection: '/apis/batch/v1/namespaces/default/cronjobs',
    name: 'cron',
    subresources: ['status'],
    body: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { ...template.spec, restartPolicy: 'Never' } } } } } },
  },
  { collection: '/apis/policy/v1/namespaces/default/poddisruptionbudgets', name: 'pdb', subresources: ['status'], body: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { minAvailable: 1, selector } } },
  {
    collection: '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers',
    name: 'hpa',
    subresources: ['status'],
    body: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'hpa' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3 } },
  },
  { collection: '/apis/storage.k8s.io/v1/storageclasses', name: 'sc', subresources: [], body: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, provisioner: 'kubesim.io/hostpath' } },
  { collection: `${ns}/persistentvolumeclaims`, name: 'pvc', subresources: ['status'], body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pvc' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
  { collection: `${ns}/limitranges`, name: 'lr', subresources: [], body: { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', max: { cpu: '2' } }] } } },
  { collection: `${ns}/resourcequotas`, name: 'rq', subresources: ['status'], body: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'rq' }, spec: { hard: { pods: '100' } } } },
  { collection: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', name: 'node-1', subresources: [], body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1' }, spec: {} } },
];

/** Values a field should never hold, and some it may. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 63, 1e20, -1, 1.5, 0, 2 ** 53 + 2, 'x', '', {}, [], [null], null, true, 'not a label', '-bad-', 'a'.repeat(300), 'UPPER', '1Gi', '10m', '__proto__'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 70 }),
);

/** Field paths worth breaking: the ones every consumer reads, and prototype keys. */
const FIELD_PATHS = [
  'metadata',
  'metadata.name',
  'metadata.namespace',
  'metadata.generateName',
  'metadata.labels',
  'metadata.labels.app',
  'metadata.labels.x/y',
  'metadata.annotations',
  'metadata.annotations.note',
  'metadata.ownerReferences',
  'metadata.finalizers',
  'metadata.resourceVersion',
  'metadata.uid',
  'metadata.creationTimestamp',
  'metadata.deletionTimestamp',
  'kind',
  'apiVersion',
  'spec',
  'spec.replicas',
  'spec.selector',
  'spec.selector.matchLabels',
  'spec.template',
  'spec.template.metadata.labels',
  'spec.template.spec.containers',
  'spec.containers',
  'spec.containers.0',
  'spec.containers.0.image',
  'spec.containers.0.ports',
  'spec.containers.0.ports.0.containerPort',
  'spec.containers.0.resources.requests.cpu',
  'spec.tolerations',
  'spec.nodeName',
  'spec.nodeSelector',
  'spec.terminationGracePeriodSeconds',
  'spec.activeDeadlineSeconds',
  'spec.taints',
  'spec.unschedulable',
  'spec.ports',
  'spec.ports.0.port',
  'spec.ports.0.nodePort',
  'spec.type',
  'spec.schedule',
  'spec.minAvailable',
  'spec.maxReplicas',
  'spec.hard',
  'spec.limits',
  'spec.resources.requests.storage',
  'data',
  'data.a',
  'status',
  'status.phase',
  'status.conditions',
  'status.replicas',
  'target',
  'target.name',
  'deleteOptions',
  '__proto__',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  'metadata.__proto__.polluted',
];

/** `o` with `path` set to `v` as an own property (a `__proto__` key stays data, as JSON.parse makes it). */
function setPath(o: Obj, path: string, v: unknown): Obj {
  const copy = JSON.parse(JSON.stringify(o)) as Obj;
  const keys = path.split('.');
  let cur: Obj = copy;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = Object.prototype.hasOwnProperty.call(cur, keys[i]) ? cur[keys[i]] : undefined;
    const child = next && typeof next === 'object' ? (next as Obj) : {};
    Object.defineProperty(cur, keys[i], { value: child, enumerable: true, writable: true, configurable: true });
    cur = child;
  }
  Object.defineProperty(cur, keys[keys.length - 1], { value: v, enumerable: true, writable: true, configurable: true });
  return copy;
}

const mutated = (base: Obj): fc.Arbitrary<Obj> =>
  fc.array(fc.tuple(fc.constantFrom(...FIELD_PATHS), hostileValue), { minLength: 0, maxLength: 3 }).map((changes) => changes.reduce((o, [p, v]) => setPath(o, p, v), base));

/** The kind's body under another name: a create that does not collide with the fixture. */
const renamed = (body: Obj, name: string): Obj => ({ ...body, metadata: { ...(body.metadata as Obj), name } });

/** A patch fragment: a few fields of the object set to hostile values, and strategic directives. */
const fragment: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: mutated({}) },
  fc.constantFrom<unknown>(
    { spec: { containers: [{ name: 'c', $patch: 'delete' }] } },
    { spec: { $retainKeys: ['replicas'], replicas: 2 } },
    { spec: { '$setElementOrder/containers': [{ name: 'c' }], containers: [{ name: 'c', image: 'busybox' }] } },
    { $patch: 'replace', spec: {} },
    { spec: { containers: 'x' } },
    { spec: { containers: [null, 5, 'x'] } },
    { spec: { taints: 'x' } },
    { metadata: { labels: null } },
    { metadata: null },
    null,
    [],
    'x',
    5,
  ),
  fc.jsonValue({ maxDepth: 4 }),
);

const POINTERS = ['', '/', '/spec', '/spec/replicas', '/spec/containers/0/image', '/spec/containers/-', '/spec/containers/99', '/metadata/labels/app', '/metadata/labels/x~1y', '/metadata/name', '/metadata/resourceVersion', '/status', '/spec/taints', '/spec/taints/-', '/__proto__/polluted', '/constructor/prototype/polluted', '/metadata/__proto__', 'spec', '/~2', '/a/b/c/d'];
const jsonPatchOp = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus', '', 'ADD'), path: fc.constantFrom(...POINTERS), from: fc.option(fc.constantFrom(...POINTERS), { nil: undefined }), value: hostileValue }, { requiredKeys: ['op', 'path'] }) },
  fc.constantFrom<unknown>(null, 5, 'x', [], {}, { op: 'add' }, { path: '/spec' }, { op: 'add', path: 5, value: 1 }),
);
const jsonPatch: fc.Arbitrary<unknown> = fc.oneof({ weight: 5, arbitrary: fc.array(jsonPatchOp, { minLength: 0, maxLength: 4 }) }, fc.constantFrom<unknown>([null], {}, null, 'x', [[]]));

const CONTENT_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/json; charset=bogus', 'application/json;;', 'garbage', ''];
const PATCH_TYPES = ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json', 'application/apply-patch+yaml', 'application/merge-patch+json; charset=utf-8', 'application/json'];
const ENCODINGS = ['gzip', 'deflate', 'br', 'identity', 'bogus', 'gzip, identity'];

const QUERY_KEYS = ['dryRun', 'fieldValidation', 'fieldManager', 'force', 'labelSelector', 'fieldSelector', 'limit', 'continue', 'resourceVersion', 'resourceVersionMatch', 'gracePeriodSeconds', 'propagationPolicy', 'orphanDependents', 'pretty', 'timeoutSeconds', 'allowWatchBookmarks', 'sendInitialEvents', 'includeObject', 'as', 'container', 'tailLines', 'sinceSeconds', 'limitBytes'];
const queryValue = fc.oneof(fc.constantFrom('All', 'Strict', 'Warn', 'Ignore', 'true', 'false', '1', '0', '-1', '1e20', '99999999999999999999', 'app=web', 'app in (a,b', '!!', 'metadata.name=web', 'spec.nodeName==', 'Orphan', 'Foreground', 'NotOlderThan', 'Exact', 'Object', '', 'x'), fc.string({ maxLength: 20 }));
const query: fc.Arbitrary<Record<string, string>> = fc.dictionary(fc.constantFrom(...QUERY_KEYS), queryValue, { maxKeys: 3 });

/** A name segment: the object's, or a hostile one (encoded as a client would send it). */
const segment = (name: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(name) },
    fc.constantFrom('..', '.', '%2e%2e', '%2F', '%00', 'a%zz', 'UPPER', '-bad-', 'x'.repeat(300), 'web.x', '%E2%82%AC', '*', '>', 'a b'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  );

/** The body as the client encodes it: JSON, YAML, or broken on the way. */
const encoded = (value: unknown, contentType: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(contentType.includes('yaml') ? safeYaml(value) : JSON.stringify(value) ?? 'null') },
    fc.nat().map((n) => {
      const s = JSON.stringify(value) ?? '';
      return s.slice(0, s.length ? n % s.length : 0); // truncated
    }),
    fc.constantFrom('', ' ', '[', '{', '['.repeat(2000), '{"a":'.repeat(500), 'a: &a [*a]', 'a: !!binary x', '---\n---\n', 'null', '"x"', '\uFEFF{}', '\u0000'),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );

function safeYaml(v: unknown): string {
  try {
    return toYaml(v);
  } catch {
    return JSON.stringify(v) ?? '';
  }
}

/** Mostly no Content-Encoding; now and then one kube-apiserver does not read. */
const withEncoding = (headers: Record<string, string>): fc.Arbitrary<Record<string, string>> =>
  fc.oneof({ weight: 9, arbitrary: fc.constant(headers) }, fc.constantFrom(...ENCODINGS).map((enc) => ({ ...headers, 'content-encoding': enc })));

/** Mostly JSON, as clients send; now and then YAML, protobuf or something no decoder takes. */
const contentType = fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constant('application/yaml') }, fc.constantFrom(...CONTENT_TYPES));

/** Any request at one served kind: a read, a create, a replace, a patch, a delete, a subresource. */
const requestAt = (t: Target): fc.Arbitrary<FuzzRequest> =>
  fc.oneof(
    // create / replace: the kind's body with hostile fields
    fc.tuple(fc.constantFrom('POST', 'PUT'), fc.option(fc.nat(300), { nil: undefined }).chain((n) => mutated(n === undefined ? t.body : renamed(t.body, `${t.name}-${n}`))), contentType, segment(t.name), query).chain(([method, body, ct, name, q]) =>
      fc.tuple(encoded(body, ct), withEncoding(ct ? { 'content-type': ct } : ({} as Record<string, string>))).map(([text, headers]) => ({ method, path: method === 'POST' ? t.collection : `${t.collection}/${name}`, query: q, headers, body: text })),
    ),
    // patch of every type
    fc.tuple(fc.constantFrom(...PATCH_TYPES), segment(t.name), fc.constantFrom(undefined, ...t.subresources), query).chain(([ct, name, sub, q]) =>
      fc
        .tuple(ct.includes('json-patch') ? jsonPatch : fragment, fc.constant(ct))
        .chain(([patch]) => fc.tuple(encoded(patch, ct), withEncoding({ 'content-type': ct })))
        .map(([text, headers]) => ({ method: 'PATCH', path: `${t.collection}/${name}${sub ? `/${sub}` : ''}`, query: q, headers, body: text })),
    ),
    // subresource writes
    fc.tuple(fc.constantFrom(...(t.subresources.length ? t.subresources : ['status'])), fc.constantFrom('POST', 'PUT'), mutated(t.body), segment(t.name), query).chain(([sub, method, body, name, q]) =>
      encoded(body, 'application/json').map((text) => ({ method, path: `${t.collection}/${name}/${sub}`, query: q, headers: { 'content-type': 'application/json' }, body: text })),
    ),
    // reads and deletes, with hostile query parameters and names
    fc.tuple(fc.constantFrom('GET', 'GET', 'DELETE', 'HEAD', 'OPTIONS'), fc.boolean(), segment(t.name), query, fc.option(mutated({ apiVersion: 'v1', kind: 'DeleteOptions' }), { nil: undefined })).map(([method, collection, name, q, opts]) => ({
      method,
      path: collection && method !== 'DELETE' ? t.collection : `${t.collection}/${name}`,
      query: { ...q, watch: 'false' },
      headers: (opts && method === 'DELETE' ? { 'content-type': 'application/json' } : {}) as Record<string, string>,
      body: opts && method === 'DELETE' ? JSON.stringify(opts) : undefined,
    })),
  );

/** Paths outside the served kinds: discovery, unknown groups and kinds, junk. */
const strayPath: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom('/api', '/api/v1', '/apis', '/apis/apps', '/apis/apps/v1', '/apis/nope/v1/things', '/api/v2/pods', '/api/v1/namespaces/default/unicorns', '/api/v1/namespaces/default/pods/web/nope', '/api/v1/namespaces//pods', '/apis/apps/v1/deployments', '/openapi/v3', '/openapi/v3/api/v1', '/version', '/healthz'),
      fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).map(encodeURIComponent), { minLength: 1, maxLength: 5 }).map((s) => `/api/v1/${s.join('/')}`),
    ),
    fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'),
    query,
  )
  .map(([path, method, q]) => ({ method, path, query: q, headers: { 'content-type': 'application/json' }, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' }));

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...TARGETS).chain(requestAt) }, { weight: 1, arbitrary: strayPath });

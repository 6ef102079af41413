import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl, run } from './harness';

/** Debian's python3-kubernetes (`.ci/run` installs it), wherever a python3 can import it. */
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import kubernetes'], { encoding: 'utf8' }).status === 0);

// The Kubernetes docs' CronTab (tasks/extend-kubernetes/custom-resources/custom-resource-definitions:
// resourcedefinition.yaml), with the page's additionalPrinterColumns, a status and scale subresource,
// a pattern, bounds and a default on the fields the docs' validation and defaulting sections use.
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                cronSpec:
                  type: string
                  pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'
                image:
                  type: string
                replicas:
                  type: integer
                  minimum: 1
                  maximum: 10
                  default: 1
            status:
              type: object
              properties:
                replicas:
                  type: integer
      subresources:
        status: {}
        scale:
          specReplicasPath: .spec.replicas
          statusReplicasPath: .status.replicas
      additionalPrinterColumns:
      - name: Spec
        type: string
        description: The cron spec defining the interval a CronJob is run
        jsonPath: .spec.cronSpec
      - name: Replicas
        type: integer
        description: The number of jobs launched by the CronJob
        jsonPath: .spec.replicas
      - name: Age
        type: date
        jsonPath: .metadata.creationTimestamp
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames:
    - ct
`;
// The docs' my-crontab.yaml.
const CRONTAB = (name: string, spec = '  cronSpec: "* * * * */5"\n  image: my-awesome-cron-image\n') => `apiVersion: "stable.example.com/v1"
kind: CronTab
metadata:
  name: ${name}
spec:
${spec}`;

const COLLECTION = '/apis/stable.example.com/v1/namespaces/default/crontabs';

// A cluster-scoped kind served in two versions (storage v1, v1beta1 converted with strategy None).
const GADGETS = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  scope: Cluster
  names: {plural: gadgets, singular: gadget, kind: Gadget, categories: [things]}
  versions:
  - name: v1beta1
    served: true
    storage: false
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}
`;

describe.skipIf(!hasKubectl)('CustomResourceDefinitions with kubectl (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const file = (name: string, body: string) => {
    const f = join(cluster.dataDir, name);
    writeFileSync(f, body);
    return f;
  };
  const k = (...args: string[]) => cluster.kubectl(...args);
  const ok = (...args: string[]) => cluster.kubectlOk(...args);
  const status = async (path: string) => (await fetch(`${cluster.server}${path}`)).status;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('a CRD applied is Established and its kind served (NAME, CREATED AT)', async () => {
    expect(await status(COLLECTION)).toBe(404);
    const start = Date.now();
    expect(await ok('apply', '-f', file('crd.yaml', CRD))).toBe('customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n');
    const created = Date.now();
    await eventually(async () => expect(await status(COLLECTION)).toBe(200), 15_000, 10);
    // A number to report, not to assert (docs/testing.md): it depends on the machine's load.
    console.log(`CRD create → crontabs served: ${Date.now() - start} ms with kubectl apply's own run, ${Date.now() - created} ms after its reply`);
    expect(await ok('wait', '--for', 'condition=established', 'crd/crontabs.stable.example.com', '--timeout=10s')).toBe('customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com condition met\n');
    expect(await ok('get', 'crd')).toMatch(/^NAME\s+CREATED AT\ncrontabs\.stable\.example\.com\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    expect(await ok('get', 'crd', 'crontabs.stable.example.com', '-o', 'jsonpath={range .status.conditions[*]}{.type}={.status} {.reason}: {.message};{end}')).toBe(
      'NamesAccepted=True NoConflicts: no conflicts found;Established=True InitialNamesAccepted: the initial names have been accepted;',
    );
    expect(await ok('get', 'crd', 'crontabs.stable.example.com', '-o', 'jsonpath={.status.acceptedNames.kind} {.status.storedVersions}')).toBe('CronTab ["v1"]');
  });

  it('discovery lists it: kubectl api-resources, and get by plural, singular and short name with the printer columns', async () => {
    expect((await ok('api-resources')).split('\n').filter((l) => l.includes('crontabs'))).toEqual([expect.stringMatching(/^crontabs\s+ct\s+stable\.example\.com\/v1\s+true\s+CronTab$/)]);
    expect(await ok('apply', '-f', file('my-crontab.yaml', CRONTAB('my-new-cron-object')))).toBe('crontab.stable.example.com/my-new-cron-object created\n');
    const table = /^NAME\s+SPEC\s+REPLICAS\s+AGE\nmy-new-cron-object\s+\* \* \* \* \*\/5\s+1\s+\d+s\n$/;
    expect(await ok('get', 'ct')).toMatch(table);
    expect(await ok('get', 'crontab')).toMatch(table);
    expect(await ok('get', 'crontabs.stable.example.com')).toMatch(table);
    // The kubesim CLI learns custom kinds from the server's CRDs and prints the server's Table.
    expect(await cluster.cli('get', 'ct')).toMatchObject({ code: 0, stdout: expect.stringMatching(table) });
    // Defaulted from the schema; the status subresource leaves status to its own endpoint.
    expect(await ok('get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.spec.replicas}')).toBe('1');
  });

  it('a cluster-scoped kind in two versions: preferred v1, v1beta1 converted as None, a category', async () => {
    await ok('apply', '-f', file('gadgets.yaml', GADGETS));
    await ok('wait', '--for', 'condition=established', 'crd/gadgets.example.com', '--timeout=10s');
    const gadget = 'apiVersion: example.com/v1beta1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  anything: {goes: here}\n';
    expect(await ok('apply', '-f', file('g1.yaml', gadget))).toBe('gadget.example.com/g1 created\n');
    expect(await ok('get', 'gadgets')).toMatch(/^NAME\s+AGE\ng1\s+\d+s\n$/);
    expect(await ok('get', 'things', '-o', 'name')).toBe('gadget.example.com/g1\n');
    const v1 = (await (await fetch(`${cluster.server}/apis/example.com/v1/gadgets/g1`)).json()) as { apiVersion: string; spec: unknown };
    const beta = (await (await fetch(`${cluster.server}/apis/example.com/v1beta1/gadgets/g1`)).json()) as { apiVersion: string; spec: unknown };
    expect([v1.apiVersion, beta.apiVersion]).toEqual(['example.com/v1', 'example.com/v1beta1']);
    expect(beta.spec).toEqual({ anything: { goes: 'here' } });
    const group = (await (await fetch(`${cluster.server}/apis/example.com`)).json()) as { preferredVersion: { version: string }; versions: { version: string }[] };
    expect([group.preferredVersion.version, group.versions.map((v) => v.version)]).toEqual(['v1', ['v1', 'v1beta1']]);
    expect(await status('/apis/example.com/v1/namespaces/default/gadgets/g1')).toBe(404);
    expect(await ok('delete', 'crd', 'gadgets.example.com')).toBe('customresourcedefinition.apiextensions.k8s.io "gadgets.example.com" deleted\n');
    expect(await status('/apis/example.com/v1/gadgets/g1')).toBe(404);
  });

  it('kubectl explain reads the schema', async () => {
    const out = await ok('explain', 'ct.spec');
    expect(out).toMatch(/KIND:\s+CronTab/);
    expect(out).toMatch(/cronSpec\s+<string>/);
    expect(out).toMatch(/replicas\s+<integer>/);
    const crd = await ok('explain', 'crd.spec.names');
    expect(crd).toMatch(/KIND:\s+CustomResourceDefinition/);
    expect(crd).toMatch(/shortNames\s+<\[\]string>/);
  });

  it('a schema violation is refused with the field named as upstream', async () => {
    const r = await k('apply', '-f', file('bad.yaml', CRONTAB('bad', '  cronSpec: "* * * *"\n  replicas: "three"\n')));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The CronTab "bad" is invalid: ');
    expect(r.stderr).toContain('spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"');
    expect(r.stderr).toContain(`spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`);
    expect(await status(`${COLLECTION}/bad`)).toBe(404);
  });

  it('an unknown field: strict decoding refuses it, and without validation it is pruned', async () => {
    const f = file('unknown.yaml', CRONTAB('unknown', '  cronSpec: "* * * * */5"\n  image: img\n  someRandomField: 42\n'));
    const strict = await k('apply', '-f', f);
    expect(strict.stderr).toContain('CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.someRandomField"');
    expect(await ok('apply', '-f', f, '--validate=false')).toBe('crontab.stable.example.com/unknown created\n');
    expect(await ok('get', 'ct', 'unknown', '-o', 'jsonpath={.spec}')).toBe('{"cronSpec":"* * * * */5","image":"img","replicas":1}');
  });

  it('kubectl apply again patches it (a JSON merge patch, as kubectl sends for custom kinds)', async () => {
    expect(await ok('apply', '-f', file('my-crontab.yaml', CRONTAB('my-new-cron-object', '  cronSpec: "*/10 * * * *"\n  image: my-awesome-cron-image\n')))).toBe('crontab.stable.example.com/my-new-cron-object configured\n');
    expect(await ok('get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.spec.cronSpec} {.metadata.generation}')).toBe('*/10 * * * * 2');
  });

  it('kubectl scale goes through the scale subresource', async () => {
    expect(await ok('scale', 'ct', 'my-new-cron-object', '--replicas=3')).toBe('crontab.stable.example.com/my-new-cron-object scaled\n');
    expect(await ok('get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.spec.replicas}')).toBe('3');
    const scale = (await (await fetch(`${cluster.server}${COLLECTION}/my-new-cron-object/scale`)).json()) as { kind: string; spec: { replicas: number } };
    expect(scale).toMatchObject({ kind: 'Scale', spec: { replicas: 3 } });
  });

  it('label selectors and watches work as for built-in kinds', async () => {
    await ok('label', 'ct', 'unknown', 'tier=test');
    expect(await ok('get', 'ct', '-l', 'tier=test', '-o', 'name')).toBe('crontab.stable.example.com/unknown\n');
    const res = await fetch(`${cluster.server}${COLLECTION}?watch=1&timeoutSeconds=1`);
    expect((await res.text()).split('\n').filter(Boolean).map((l) => `${JSON.parse(l).type} ${JSON.parse(l).object.metadata.name}`)).toEqual(['ADDED my-new-cron-object', 'ADDED unknown']);
  });

  it.skipIf(!PYTHON)('the official Python client lists them with CustomObjectsApi (skipped: python3-kubernetes not installed)', async () => {
    const script = [
      'import sys',
      'from kubernetes import client',
      'c = client.Configuration()',
      'c.host = sys.argv[1]',
      'api = client.CustomObjectsApi(client.ApiClient(c))',
      "r = api.list_namespaced_custom_object('stable.example.com', 'v1', 'default', 'crontabs')",
      "print(' '.join(sorted(i['metadata']['name'] for i in r['items'])))",
    ].join('\n');
    const r = await run(PYTHON!, ['-c', script, cluster.server], {}, 60_000);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('my-new-cron-object unknown\n');
  });

  it('the CRD and its objects survive a restart of kubesim (they are events in the log)', async () => {
    expect(await cluster.down()).toBe(0);
    await cluster.up();
    expect(await ok('get', 'ct', '-o', 'name')).toBe('crontab.stable.example.com/my-new-cron-object\ncrontab.stable.example.com/unknown\n');
    // The log rebuilt by `replay --verify` agrees with the apiserver, custom objects included.
    const verify = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--verify');
    expect(verify.stderr).toBe('');
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringMatching(/^state hash [0-9a-f]+: \d+ objects equal at resourceVersion \d+\n$/) });
  });

  it('deleting the CRD: Terminating while an object is held by its finalizer, no creates meanwhile, then its objects are gone and it is no longer served', async () => {
    // A ConfigMap owned by a CronTab goes with it (the garbage collector's background cascade).
    const uid = await ok('get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.metadata.uid}');
    const owned = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned-by-crontab\n  ownerReferences:\n  - {apiVersion: stable.example.com/v1, kind: CronTab, name: my-new-cron-object, uid: ${uid}}\ndata: {a: b}\n`;
    expect(await ok('apply', '-f', file('owned.yaml', owned))).toBe('configmap/owned-by-crontab created\n');
    await ok('patch', 'ct', 'unknown', '--type=merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}');
    expect(await ok('delete', 'crd', 'crontabs.stable.example.com', '--wait=false')).toBe('customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted\n');
    const terminating = 'jsonpath={range .status.conditions[?(@.type=="Terminating")]}{.status} {.reason}: {.message}{end}';
    await eventually(async () => expect(await ok('get', 'crd', 'crontabs.stable.example.com', '-o', terminating)).toBe('True InstanceDeletionInProgress: CustomResource deletion is in progress'), 5_000);
    await eventually(async () => expect(await ok('get', 'ct', '-o', 'name')).toBe('crontab.stable.example.com/unknown\n'), 5_000);
    const refused = await k('apply', '-f', file('late.yaml', CRONTAB('late')));
    expect(refused.stderr).toContain('create not allowed while custom resource definition is terminating');
    await ok('patch', 'ct', 'unknown', '--type=merge', '-p', '{"metadata":{"finalizers":null}}');
    await eventually(async () => expect(await status(COLLECTION)).toBe(404), 5_000);
    expect(await status('/apis/stable.example.com')).toBe(404);
    expect((await k('get', 'crd', 'crontabs.stable.example.com')).stderr).toContain('customresourcedefinitions.apiextensions.k8s.io "crontabs.stable.example.com" not found');
    const r = await k('get', 'ct');
    expect(r.code).not.toBe(0);
    // kubectl's discovery cache may still name crontabs: then it is the server's 404 for the list.
    expect(r.stderr).toMatch(/the server doesn't have a resource type "ct"|Unable to list "stable\.example\.com\/v1, Resource=crontabs": the server could not find the requested resource \(get crontabs\.stable\.example\.com\)/);
    expect((await ok('api-resources')).includes('crontabs')).toBe(false);
    await eventually(async () => expect(await status('/api/v1/namespaces/default/configmaps/owned-by-crontab')).toBe(404), 10_000);
  });
});

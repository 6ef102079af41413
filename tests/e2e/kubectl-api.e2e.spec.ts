import { Cluster, eventually, hasKubectl } from './harness';

/** kubectl's API-driven commands against kubesim: explain (OpenAPI v3), node leases, create. */
describe.skipIf(!hasKubectl)('kubectl explain, leases and create against kubesim (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const k = (...args: string[]) => cluster.kubectl(...args);
  const ok = (...args: string[]) => cluster.kubectlOk(...args);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  describe('explain', () => {
    it('explain pod: the kind, its description and its top-level fields', async () => {
      const out = await ok('explain', 'pod');
      expect(out).toMatch(
        /^KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host\. This resource is\n    created by clients and scheduled onto hosts\.\n/,
      );
      expect(out).toContain('\n  metadata\t<ObjectMeta>\n    Standard object\'s metadata. More info:\n');
      expect(out).toContain('\n  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n');
      expect(out).toContain('\n  status\t<PodStatus>\n');
    });

    it('explain pod.spec: the field, both descriptions, required fields and enums', async () => {
      const out = await ok('explain', 'pod.spec');
      expect(out).toMatch(/^KIND:       Pod\nVERSION:    v1\n\nFIELD: spec <PodSpec>\n\n\nDESCRIPTION:\n    Specification of the desired behavior of the pod\. More info:\n    https:\/\/git\.k8s\.io\/community\/contributors\/devel\/sig-architecture\/api-conventions\.md#spec-and-status\n    PodSpec is a description of a pod\.\n/);
      expect(out).toContain('\n  containers\t<[]Container> -required-\n    List of containers belonging to the pod. Containers cannot currently be\n    added or removed. There must be at least one container in a Pod. Cannot be\n    updated.\n');
      expect(out).toContain('\n  restartPolicy\t<string>\n  enum: Always, Never, OnFailure\n');
      expect(out).toContain('\n  terminationGracePeriodSeconds\t<integer>\n');
    });

    it('explain deployment.spec.strategy (apps/v1): the group, and IntOrString fields below it', async () => {
      const out = await ok('explain', 'deployment.spec.strategy');
      expect(out).toMatch(/^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n/);
      expect(out).toContain('\n  type\t<string>\n  enum: Recreate, RollingUpdate\n');
      expect(await ok('explain', 'deploy.spec.strategy.rollingUpdate')).toContain('\n  maxSurge\t<IntOrString>\n');
    });

    it('explain pod.spec.containers --recursive: the field tree', async () => {
      const out = await ok('explain', 'pod.spec.containers', '--recursive');
      expect(out).toContain('\n  env\t<[]EnvVar>\n    name\t<string> -required-\n    value\t<string>\n    valueFrom\t<EnvVarSource>\n');
      expect(out).toMatch(/\n  resources\t<ResourceRequirements>\n(.*\n)*?    limits\t<map\[string\]Quantity>\n/);
      expect(out).toContain('\n  name\t<string> -required-\n');
    });

    it('a field that does not exist → kubectl’s error', async () => {
      const r = await k('explain', 'pod.spec.nope');
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('error: field "nope" does not exist\n');
    });
  });

  describe('node leases (coordination.k8s.io/v1)', () => {
    it('get leases -n kube-node-lease: NAME HOLDER AGE, one per node', async () => {
      const out = await ok('get', 'leases', '-n', 'kube-node-lease');
      expect(out).toMatch(/^NAME\s+HOLDER\s+AGE\nnode-1\s+node-1\s+\S+\n$/);
    });

    it('describe node prints the Lease section (not "Failed to get lease")', async () => {
      const out = await ok('describe', 'node', 'node-1');
      expect(out).toMatch(/\nLease:\n  HolderIdentity:  node-1\n  AcquireTime:     <unset>\n  RenewTime:       \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000\n/);
      expect(out).not.toContain('Failed to get lease');
    });

    it('the kubelet renews it: renewTime moves on', async () => {
      const renewTime = async () => (await ok('get', 'lease', 'node-1', '-n', 'kube-node-lease', '-o', 'jsonpath={.spec.renewTime}')).trim();
      const first = await renewTime();
      expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      await eventually(async () => expect(await renewTime()).not.toBe(first), 10_000);
    });

    it('read-only: a delete is refused and the lease stays', async () => {
      const r = await k('delete', 'lease', 'node-1', '-n', 'kube-node-lease');
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('Error from server (MethodNotAllowed): the server does not allow this method on the requested resource (DELETE leases.coordination.k8s.io)\n');
      expect(await ok('get', 'lease', 'node-1', '-n', 'kube-node-lease', '-o', 'name')).toBe('lease.coordination.k8s.io/node-1\n');
    });

    it('a lease that does not exist → NotFound with its group', async () => {
      const r = await k('get', 'lease', 'nope', '-n', 'kube-node-lease');
      expect(r.stderr).toBe('Error from server (NotFound): leases.coordination.k8s.io "nope" not found\n');
    });
  });

  describe('create (kubectl’s typed clients send protobuf)', () => {
    it('create namespace: created, listed, and a second time AlreadyExists', async () => {
      expect(await k('create', 'namespace', 'team-a')).toEqual({ code: 0, stdout: 'namespace/team-a created\n', stderr: '' });
      expect(await ok('get', 'ns', 'team-a', '--show-labels')).toMatch(/^NAME\s+STATUS\s+AGE\s+LABELS\nteam-a\s+Active\s+\d+s\s+kubernetes\.io\/metadata\.name=team-a\n$/);
      const again = await k('create', 'namespace', 'team-a');
      expect(again).toEqual({ code: 1, stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "team-a" already exists\n' });
    });

    it('create deployment in that namespace (protobuf): created there, not in default', async () => {
      expect(await ok('create', 'deployment', 'web', '--image=nginx', '-n', 'team-a')).toBe('deployment.apps/web created\n');
      expect((await k('get', 'deployment', 'web')).stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n');
      expect(JSON.parse(await ok('get', 'deployment', 'web', '-n', 'team-a', '-o', 'json')).metadata).toMatchObject({ name: 'web', namespace: 'team-a', labels: { app: 'web' } });
    });
  });
});

import { Cluster, eventually, hasKubectl } from './harness';

const FIXTURES = 'tests/e2e/fixtures/admission';

/**
 * The documentation's LimitRange and ResourceQuota tasks (memory-constraint-namespace,
 * quota-memory-cpu-namespace; manifests as the pages give them) and `kubectl delete namespace`
 * with pods inside, against `kubesim up`, with the outputs those pages document.
 */
describe.skipIf(!hasKubectl)('admission and namespace deletion with kubectl (skipped: kubectl not installed)', () => {
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

  it('a LimitRange: its defaults applied to a pod with none, a pod over the max refused with the 403 of the page', async () => {
    await ok('create', 'namespace', 'constraints-mem-example');
    await ok('apply', '-f', `${FIXTURES}/memory-constraints.yaml`, '--namespace=constraints-mem-example');
    const refused = await k('apply', '-f', `${FIXTURES}/memory-constraints-pod-2.yaml`, '--namespace=constraints-mem-example');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `Error from server (Forbidden): error when creating "${FIXTURES}/memory-constraints-pod-2.yaml": pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi.\n`,
    );
    await ok('apply', '-f', `${FIXTURES}/memory-constraints-pod-4.yaml`, '--namespace=constraints-mem-example');
    const pod = JSON.parse(await ok('get', 'pod', 'constraints-mem-demo-4', '-n', 'constraints-mem-example', '-o', 'json'));
    expect(pod.spec.containers[0].resources).toEqual({ limits: { memory: '1Gi' }, requests: { memory: '1Gi' } });
    expect(await ok('describe', 'limitrange', '-n', 'constraints-mem-example')).toMatch(/Type\s+Resource\s+Min\s+Max\s+Default Request\s+Default Limit\s+Max Limit\/Request Ratio\n.*\nContainer\s+memory\s+500Mi\s+1Gi\s+1Gi\s+1Gi\s+-\n/);
  });

  it('a ResourceQuota: usage in REQUEST/LIMIT, and the pod that would exceed it refused', async () => {
    await ok('create', 'namespace', 'quota-mem-cpu-example');
    await ok('apply', '-f', `${FIXTURES}/quota-mem-cpu.yaml`, '--namespace=quota-mem-cpu-example');
    await ok('apply', '-f', `${FIXTURES}/quota-mem-cpu-pod.yaml`, '--namespace=quota-mem-cpu-example');
    await eventually(async () =>
      expect(await ok('get', 'resourcequota', 'mem-cpu-demo', '-n', 'quota-mem-cpu-example')).toMatch(
        /^NAME\s+AGE\s+REQUEST\s+LIMIT\nmem-cpu-demo\s+\d+s\s+requests\.cpu: 400m\/1, requests\.memory: 600Mi\/1Gi\s+limits\.cpu: 800m\/2, limits\.memory: 800Mi\/2Gi\n$/,
      ),
    );
    const refused = await k('apply', '-f', `${FIXTURES}/quota-mem-cpu-pod-2.yaml`, '--namespace=quota-mem-cpu-example');
    expect(refused.stderr).toBe(
      `Error from server (Forbidden): error when creating "${FIXTURES}/quota-mem-cpu-pod-2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n`,
    );
    expect(await ok('describe', 'quota', 'mem-cpu-demo', '-n', 'quota-mem-cpu-example')).toMatch(/requests\.memory\s+600Mi\s+1Gi\n/);

    // Through a controller: the ReplicaSet's pod is refused under its generated name, as a FailedCreate event.
    await ok('create', 'deployment', 'web', '--image=nginx', '-n', 'quota-mem-cpu-example');
    await eventually(async () =>
      expect(await ok('get', 'events', '-n', 'quota-mem-cpu-example', '-o', 'jsonpath={range .items[?(@.reason=="FailedCreate")]}{.type} {.message}{"\\n"}{end}')).toMatch(
        /^Warning Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: failed quota: mem-cpu-demo: must specify limits\.cpu for: nginx; limits\.memory for: nginx; requests\.cpu for: nginx; requests\.memory for: nginx$/m,
      ),
    );
  });

  it('kubectl delete namespace with running pods: prints "deleted", waits until it is gone; new content is refused meanwhile', async () => {
    await ok('create', 'namespace', 'doomed');
    // A pod that ignores SIGTERM, with a 200 s grace (20 s at time scale 0.1): the namespace stays Terminating meanwhile.
    await ok('-n', 'doomed', 'run', 'sleeper', '--image=busybox', '--overrides={"spec":{"terminationGracePeriodSeconds":200}}', '--', 'sh', '-c', 'trap "" TERM; sleep 3600');
    await ok('-n', 'doomed', 'create', 'configmap', 'settings', '--from-literal=a=b');
    await eventually(async () => expect(await ok('-n', 'doomed', 'get', 'pod', 'sleeper', '-o', 'jsonpath={.status.phase}')).toBe('Running'), 60_000, 300);

    const deleting = k('delete', 'namespace', 'doomed');
    await eventually(async () => expect(await ok('get', 'namespace', 'doomed', '-o', 'jsonpath={.status.phase}')).toBe('Terminating'));
    const late = await k('-n', 'doomed', 'create', 'configmap', 'late');
    expect(late.stderr).toBe('error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated\n');
    const done = await deleting;
    expect(done).toMatchObject({ code: 0, stdout: 'namespace "doomed" deleted\n' });
    expect((await k('get', 'namespace', 'doomed')).stderr).toBe('Error from server (NotFound): namespaces "doomed" not found\n');
    expect((await k('get', 'pods', '-n', 'doomed')).stdout + (await k('get', 'pods', '-n', 'doomed')).stderr).toBe('No resources found in doomed namespace.\n');
  });
});

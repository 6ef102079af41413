import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

const job = (name: string, spec: string, command: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
    spec:
      containers:
      - name: c
        image: busybox:1.28
        command: ["sh", "-c", ${JSON.stringify(command)}]
      restartPolicy: Never
`;

/** Jobs and CronJobs through kubectl on `kubesim up` at time scale 0.1. */
describe.skipIf(!hasKubectl)('Jobs and CronJobs with kubectl (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const apply = async (name: string, body: string) => {
    const f = join(cluster.dataDir, `${name}.yaml`);
    writeFileSync(f, body);
    return cluster.kubectlOk('apply', '-f', f);
  };

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
  }, 120_000);
  afterAll(async () => {
    await cluster?.down();
  });

  it('a busybox Job runs to Complete: kubectl wait, get jobs columns, pods Completed, logs job/NAME, events', async () => {
    expect(await apply('pi', job('pi', '  backoffLimit: 4', 'echo 3.14159; sleep 2'))).toBe('job.batch/pi created\n');
    expect(await cluster.kubectlOk('wait', '--for=condition=complete', 'job/pi', '--timeout=60s')).toBe('job.batch/pi condition met\n');
    const table = await cluster.kubectlOk('get', 'jobs');
    expect(table.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/);
    expect(table.split('\n')[1]).toMatch(/^pi\s+Complete\s+1\/1\s+\d+s\s+\d+s$/);
    expect(await cluster.kubectlOk('get', 'pods', '-l', 'job-name=pi', '--no-headers')).toMatch(/^pi-\w{5}\s+0\/1\s+Completed\s+0\s+/);
    expect(await cluster.kubectlOk('logs', 'job/pi')).toBe('3.14159\n');
    const events = await cluster.kubectlOk('get', 'events', '--field-selector', 'involvedObject.kind=Job,involvedObject.name=pi', '-o', 'custom-columns=REASON:.reason,MESSAGE:.message', '--no-headers');
    expect(events).toMatch(/SuccessfulCreate\s+Created pod: pi-\w{5}\n/);
    expect(events).toMatch(/Completed\s+Job completed/);
    const conditions = JSON.parse(await cluster.kubectlOk('get', 'job', 'pi', '-o', 'jsonpath={.status.conditions}')) as { type: string; reason: string }[];
    expect(conditions.map((c) => `${c.type}/${c.reason}`)).toEqual(['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached']);
  });

  it('an Indexed Job: one pod per index, hostname <job>-<index>, completedIndexes', async () => {
    await apply('idx', job('idx', '  completions: 3\n  parallelism: 2\n  completionMode: Indexed', 'hostname'));
    await cluster.kubectlOk('wait', '--for=condition=complete', 'job/idx', '--timeout=60s');
    expect(await cluster.kubectlOk('get', 'job', 'idx', '-o', 'jsonpath={.status.completedIndexes} {.status.succeeded}')).toBe('0-2 3');
    const logs = await cluster.kubectlOk('logs', '-l', 'job-name=idx');
    expect(logs.split('\n').filter(Boolean).sort()).toEqual(['idx-0', 'idx-1', 'idx-2']);
  });

  it("the docs' backoffLimitPerIndex example (python decides per JOB_COMPLETION_INDEX): the status the page shows", async () => {
    const corpus = join(__dirname, '../../../shared/corpus/k8s-docs-examples/controllers/job-backoff-limit-per-index-example.yaml');
    expect(await cluster.kubectlOk('create', '-f', corpus)).toBe('job.batch/job-backoff-limit-per-index-example created\n');
    await cluster.kubectlOk('wait', '--for=condition=failed', 'job/job-backoff-limit-per-index-example', '--timeout=90s');
    const status = JSON.parse(await cluster.kubectlOk('get', 'job', 'job-backoff-limit-per-index-example', '-o', 'jsonpath={.status}'));
    expect(status).toMatchObject({ completedIndexes: '1,3,5,7,9', failedIndexes: '0,2,4,6,8', succeeded: 5, failed: 10 });
    expect(status.conditions).toContainEqual(expect.objectContaining({ type: 'Failed', reason: 'FailedIndexes', message: 'Job has failed indexes' }));
  });

  it('a failing Job stops at its backoff limit: Failed BackoffLimitExceeded, backoffLimit + 1 pods, the Warning event', async () => {
    await apply('fail', job('fail', '  backoffLimit: 2', 'exit 1'));
    await cluster.kubectlOk('wait', '--for=condition=failed', 'job/fail', '--timeout=90s');
    expect(await cluster.kubectlOk('get', 'job', 'fail', '--no-headers')).toMatch(/^fail\s+Failed\s+0\/1\s+/);
    expect((await cluster.kubectlOk('get', 'pods', '-l', 'job-name=fail', '--no-headers')).trim().split('\n')).toHaveLength(3);
    const events = await cluster.kubectlOk('get', 'events', '--field-selector', 'involvedObject.name=fail,reason=BackoffLimitExceeded', '-o', 'custom-columns=TYPE:.type,MESSAGE:.message', '--no-headers');
    expect(events).toMatch(/^Warning\s+Job has reached the specified backoff limit$/m);
  });

  it('kubectl create job and create cronjob; the CronJob fires twice, each Job named <cronjob>-<minute>; create job --from=cronjob', async () => {
    expect(await cluster.kubectlOk('create', 'job', 'hello', '--image=busybox:1.28', '--', 'echo', 'hi')).toBe('job.batch/hello created\n');
    expect(await cluster.kubectlOk('create', 'cronjob', 'tick', '--image=busybox:1.28', '--schedule=*/1 * * * *', '--', 'echo', 'tick')).toBe('cronjob.batch/tick created\n');
    // A minute of the schedule lasts 6 s at time scale 0.1.
    const names = await eventually(async () => {
      const out = await cluster.kubectlOk('get', 'jobs', '-o', 'name');
      const ticks = out.split('\n').filter((l) => l.startsWith('job.batch/tick-'));
      if (ticks.length < 2) throw new Error(`only ${ticks.length} tick jobs`);
      return ticks;
    }, 30_000);
    expect(names[0]).toMatch(/^job\.batch\/tick-\d{8}$/);
    const row = (await cluster.kubectlOk('get', 'cronjob', 'tick')).split('\n');
    expect(row[0]).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/);
    expect(row[1]).toMatch(/^tick\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+[01]\s+\d+s\s+\d+s$/);
    await cluster.kubectlOk('wait', '--for=condition=complete', 'job/hello', '--timeout=60s');
    expect(await cluster.kubectlOk('create', 'job', 'manual', '--from=cronjob/tick')).toBe('job.batch/manual created\n');
    expect(await cluster.kubectlOk('get', 'job', 'manual', '-o', 'jsonpath={.metadata.ownerReferences[0].kind}')).toBe('CronJob');
    await cluster.kubectlOk('wait', '--for=condition=complete', 'job/manual', '--timeout=60s');
  });
});

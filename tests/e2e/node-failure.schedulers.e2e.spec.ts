import type { Pod } from '@kubesim/api';
import { connectNats, EventLog } from '@kubesim/eventlog';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, ROOT } from './harness';

/**
 * A pod is bound at most once even with two scheduler processes racing for it (issue 4, §10):
 * both see every pending pod, both try to bind it, the apiserver refuses the second binding
 * (`BindPod` on an assigned pod is a 409). Proof from the log itself: one PodBound per pod.
 */
describe('two schedulers, end to end', () => {
  let cluster: Cluster;
  let second: ChildProcess;
  let secondLog = '';
  const PODS = 40;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 3, timeScale: 0.1 });
    await cluster.up();
    const natsUrl = (JSON.parse(readFileSync(join(cluster.dataDir, 'cluster.json'), 'utf8')) as { natsUrl: string }).natsUrl;
    second = spawn(process.execPath, [join(ROOT, 'dist/apps/scheduler/src/main.js')], {
      env: { ...process.env, KUBESIM_NATS_URL: natsUrl, KUBESIM_NATS_CREDENTIALS: cluster.natsCredentials('scheduler'), KUBESIM_TIME_SCALE: '0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    second.stdout!.on('data', (d) => (secondLog += d));
    second.stderr!.on('data', (d) => (secondLog += d));
    await eventually(async () => expect(secondLog).toContain('scheduling pods with schedulerName=default-scheduler'), 20_000);
  });
  afterAll(async () => {
    if (second && second.exitCode === null) {
      const exited = new Promise((r) => second.once('exit', r));
      second.kill('SIGTERM');
      await exited;
    }
    await cluster?.down();
  });

  it(`binds each of ${PODS} pods created in one burst exactly once`, async () => {
    const docs = Array.from({ length: PODS }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: race-${i}\nspec:\n  containers:\n  - name: app\n    image: nginx\n`);
    const f = join(cluster.dataDir, 'race.yaml');
    writeFileSync(f, docs.join('---\n'));
    expect(await cluster.cli('apply', '-f', f)).toMatchObject({ code: 0 });
    await eventually(async () => {
      const pods = ((await (await fetch(`${cluster.server}/api/v1/namespaces/default/pods`)).json()) as { items: Pod[] }).items;
      expect(pods.filter((p) => p.metadata.name.startsWith('race-') && p.spec.nodeName)).toHaveLength(PODS);
    }, 30_000);

    const bound = new Map<string, string[]>();
    const nc = await connectNats(`nats://127.0.0.1:${cluster.natsPort}`, 'e2e-reader', { once: true, credentials: cluster.natsCredentials() });
    try {
      const log = await EventLog.open(nc);
      const follower = await log.follow(1, (r) => {
        for (const e of r.record.events) if (e.type === 'PodBound') bound.set(e.name, [...(bound.get(e.name) ?? []), `${e.node} by ${e.by}`]);
      });
      await follower.caughtUp;
      await follower.stop();
    } finally {
      await nc.close();
    }
    const race = [...bound].filter(([name]) => name.startsWith('race-'));
    expect(race).toHaveLength(PODS);
    for (const [name, bindings] of race) expect(bindings, name).toHaveLength(1);

    const firstLog = readFileSync(join(cluster.dataDir, 'logs', 'scheduler.log'), 'utf8');
    const refused = (firstLog + secondLog).match(/is already assigned to node/g)?.length ?? 0;
    console.log(`two schedulers: ${PODS} pods, ${PODS} bindings, ${refused} second bindings refused by the apiserver`);
    // The race really happened: without it this test would prove nothing.
    expect(refused).toBeGreaterThan(0);
  });
});

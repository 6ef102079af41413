import type { Node, Pod } from '@kubesim/api';
import { connectNats } from '@kubesim/eventlog';
import { Cluster, eventually, hasKubectl, alive } from './harness';
import { effectsInLog } from './eventlog-load';

/**
 * A control plane that heals itself (issue 15 §6, §7): `kubesim up` restarts what dies on its own
 * (kill -9) with back-off and says so; what a user stopped stays stopped; with `--nats-replicas 3`
 * the JetStream leader can be killed under writes: every acknowledged write is kept, the API
 * answers 503 (never 500) until a new leader is elected, then writes resume.
 */

const podBody = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu: '10m' } } }] } });

async function get<T>(cluster: Cluster, path: string): Promise<T> {
  const res = await fetch(`${cluster.server}${path}`);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

async function expectRunning(cluster: Cluster, name: string): Promise<Pod> {
  return eventually(async () => {
    const p = await get<Pod>(cluster, `/api/v1/namespaces/default/pods/${name}`);
    expect(p.status.phase).toBe('Running');
    return p;
  }, 60_000);
}

/** The child restarted: a new pid, alive, and cluster.json says so. */
async function restartedPid(cluster: Cluster, child: string, before: number): Promise<number> {
  return eventually(async () => {
    const pid = cluster.pid(child);
    expect(pid).not.toBe(before);
    expect(alive(pid)).toBe(true);
    return pid;
  }, 20_000);
}

describe.skipIf(!hasKubectl)('supervision: kubesim up restarts crashed components', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 3, timeScale: 0.1, supervise: true, restartKubelets: true });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.downAll();
  });

  it('kill -9 of the scheduler: restarted after 1 s, the terminal says what died and when it came back, pods are scheduled again', async () => {
    const before = cluster.pid('scheduler');
    await cluster.kill9('scheduler');
    const after = await restartedPid(cluster, 'scheduler', before);
    expect(cluster.output).toMatch(new RegExp(`kubesim: scheduler exited \\(SIGKILL\\) at \\d\\d:\\d\\d:\\d\\d \\(pid ${before}\\); restarting it in 1s \\(restart #1\\)`));
    expect(cluster.output).toMatch(new RegExp(`kubesim: scheduler restarted at \\d\\d:\\d\\d:\\d\\d \\(pid ${after}, restart #1\\)`));
    expect(await cluster.kubectlOk('run', 'after-scheduler', '--image=busybox:1.36', '--', 'sleep', '3600')).toContain('pod/after-scheduler created');
    expect((await expectRunning(cluster, 'after-scheduler')).spec.nodeName).toMatch(/^node-\d$/);
  });

  it('kill -9 of a kubelet (with --restart-kubelets): restarted, its node stays Ready and takes pods', async () => {
    const before = cluster.pid('kubelet-node-2');
    await cluster.kill9('kubelet-node-2');
    await restartedPid(cluster, 'kubelet-node-2', before);
    expect(cluster.output).toMatch(/kubesim: kubelet-node-2 exited \(SIGKILL\) at [\d:]+ \(pid \d+\); restarting it in 1s \(restart #1\)/);
    const node = await get<Node>(cluster, '/api/v1/nodes/node-2');
    expect(node.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    const pinned = { ...podBody('on-node-2'), spec: { ...podBody('on-node-2').spec, nodeSelector: { 'kubernetes.io/hostname': 'node-2' } } };
    const res = await fetch(`${cluster.server}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pinned) });
    expect(res.status).toBe(201);
    expect((await expectRunning(cluster, 'on-node-2')).spec.nodeName).toBe('node-2');
  });

  it('kubesim node stop is deliberate: that kubelet is not restarted', async () => {
    const before = cluster.pid('kubelet-node-3');
    const r = await cluster.cli('node', 'stop', 'node-3', '--data-dir', cluster.dataDir);
    expect(r.stdout).toContain('node/node-3 stopped (SIGTERM)');
    expect(alive(before)).toBe(false);
    // Longer than the first back-off (1 s): a restart would have happened by now.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(cluster.pid('kubelet-node-3')).toBe(before);
    expect(cluster.output).not.toContain('kubelet-node-3 exited');
    expect(cluster.output).not.toContain('kubelet-node-3 restarted');
  });
});

describe.skipIf(!hasKubectl)('--nats-replicas 3: the JetStream leader killed under writes', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1, supervise: true, natsReplicas: 3 });
    await cluster.up(120_000);
  });
  afterAll(async () => {
    await cluster?.downAll();
  });

  async function streamInfo() {
    const nc = await connectNats(cluster.natsUrl, 'e2e', { once: true, credentials: cluster.natsCredentials() });
    try {
      return await (await nc.jetstreamManager()).streams.info('KUBESIM');
    } finally {
      await nc.close();
    }
  }

  it('runs three servers, the stream at R3 with a leader', async () => {
    expect(cluster.natsUrl.split(',')).toHaveLength(3);
    const info = await streamInfo();
    expect(info.config.num_replicas).toBe(3);
    expect(info.cluster?.leader).toMatch(/^nats-[123]$/);
  });

  it('keeps a pod created before the kill and every acknowledged write, answers 503 (not 500) without a leader, and takes writes again', async () => {
    const createdRes = await fetch(`${cluster.server}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(podBody('before-kill')) });
    expect(createdRes.status).toBe(201);
    const before = (await createdRes.json()) as Pod;
    await expectRunning(cluster, 'before-kill');
    const leader = (await streamInfo()).cluster!.leader!;

    // A writer: one create at a time, each status remembered.
    const statuses: number[] = [];
    const acked = new Map<string, string>();
    let lastAckAt = Date.now();
    let longestGapMs = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const name = `w-${i}`;
        const res = await fetch(`${cluster.server}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(podBody(name)), signal: AbortSignal.timeout(15_000) }).catch(() => undefined);
        statuses.push(res?.status ?? 0);
        if (res?.status === 201) {
          acked.set(name, ((await res.json()) as Pod).metadata.uid);
          longestGapMs = Math.max(longestGapMs, Date.now() - lastAckAt);
          lastAckAt = Date.now();
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await eventually(async () => expect(acked.size).toBeGreaterThanOrEqual(3), 20_000);
    await cluster.kill9(leader);
    const killedAt = Date.now();
    // Writes resume: an acknowledgement after the kill.
    await eventually(async () => expect(lastAckAt).toBeGreaterThan(killedAt + 200), 60_000);
    const ackedAtResume = acked.size;
    await eventually(async () => expect(acked.size).toBeGreaterThan(ackedAtResume + 3), 30_000);
    writing = false;
    await writer;

    console.log(`R3 leader ${leader} killed: longest write gap ${longestGapMs} ms; statuses ${JSON.stringify(Object.fromEntries(statuses.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<number, number>())))}`);
    // 503 ServiceUnavailable while there is no leader; 504 Timeout if one was in flight when it died: never 500, never a hang.
    expect(statuses.filter((s) => s !== 201 && s !== 503 && s !== 504)).toEqual([]);
    expect(statuses).toContain(503);
    expect(cluster.output).toMatch(new RegExp(`kubesim: ${leader} exited \\(SIGKILL\\)`));
    await eventually(async () => expect(cluster.output).toContain(`kubesim: ${leader} restarted`), 20_000);

    // Nothing acknowledged is lost, nothing is created or bound twice.
    expect((await get<Pod>(cluster, '/api/v1/namespaces/default/pods/before-kill')).metadata.uid).toBe(before.metadata.uid);
    const pods = await eventually(async () => {
      const l = await get<{ items: Pod[] }>(cluster, '/api/v1/namespaces/default/pods');
      for (const [name, uid] of acked) {
        const p = l.items.find((x) => x.metadata.name === name);
        expect(p?.metadata.uid, name).toBe(uid);
        expect(p?.status.phase, name).toBe('Running');
      }
      return l.items;
    }, 60_000);
    const { created, bound } = await effectsInLog(cluster.natsUrl, cluster.natsCredentials());
    for (const p of pods) {
      expect(created.get(p.metadata.uid), p.metadata.name).toBe(1);
      expect(bound.get(p.metadata.uid), p.metadata.name).toBe(1);
    }
    expect(await cluster.kubectlOk('run', 'after-kill', '--image=busybox:1.36', '--', 'sleep', '3600')).toContain('pod/after-kill created');
    await expectRunning(cluster, 'after-kill');
  });
});

import type { Pod } from '@kubesim/api';
import { connectNats, EventLog } from '@kubesim/eventlog';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Cluster, eventually, ROOT } from './harness';

/**
 * The log as a product (issue 5 §3, §4, §6): the replay timeline and its filters, the cluster at a
 * point, --verify against the live apiserver, export → import into a new cluster, and records of
 * an unknown schema version refused with a clear error — all through `bin/kubesim`.
 */
describe('kubesim replay, export and import', () => {
  let cluster: Cluster;
  let imported: Cluster | undefined;
  const file = (name: string) => join(cluster.dataDir, name);
  const podJson = async (c: Cluster, name: string) => JSON.parse((await c.cli('get', 'pod', name, '-o', 'json')).stdout) as Pod;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
    writeFileSync(file('web.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.25\n');
    expect((await cluster.cli('apply', '-f', file('web.yaml'))).code).toBe(0);
    await eventually(async () => expect((await podJson(cluster, 'web')).status.phase).toBe('Running'));
  });
  afterAll(async () => {
    await imported?.downAll();
    await cluster?.downAll();
  });

  it('tells each pod’s story: every phase and STATUS with node and cause, filtered by pod and node', async () => {
    const node = (await podJson(cluster, 'web')).spec.nodeName!;
    const r = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--pod', 'web');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TIME\s+POD\s+PHASE\s+STATUS\s+NODE\s+CAUSE\s+BY\n/);
    expect(r.stdout).toMatch(/default\/web\s+Pending\s+Pending\s+-\s+created\s+user:kubesim/);
    expect(r.stdout).toMatch(new RegExp(`default/web\\s+Pending\\s+ContainerCreating\\s+${node}\\s`));
    // The cause is the kubelet's own words (e.g. "container nginx started").
    expect(r.stdout).toMatch(new RegExp(`default/web\\s+Running\\s+Running\\s+${node}\\s+\\S.*\\s+system:node:${node}\n`));
    const other = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--node', node === 'node-1' ? 'node-2' : 'node-1', '--pod', 'web');
    expect(other.stdout).toBe('No pod phase or status changes in the log.\n');
  });

  it('--speed replays with the original pacing; --follow keeps printing new events', async () => {
    const paced = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--pod', 'web', '--speed', '100');
    expect(paced.code).toBe(0);
    expect(paced.stdout).toMatch(/^TIME\s+POD\s+PHASE\s+STATUS\s+NODE\s+CAUSE\s+BY\n/);
    expect(paced.stdout).toMatch(/default\/web\s+Running\s+Running\s/);

    const follower = spawn(process.execPath, [join(ROOT, 'bin/kubesim'), 'replay', '--data-dir', cluster.dataDir, '--follow', '--pod', 'later'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    follower.stdout.on('data', (d) => (out += d));
    try {
      await eventually(() => Promise.resolve(expect(out).toMatch(/^TIME/)), 10_000);
      writeFileSync(file('later.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: later\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ["sleep", "3600"]\n');
      expect((await cluster.cli('apply', '-f', file('later.yaml'))).code).toBe(0);
      await eventually(() => Promise.resolve(expect(out).toMatch(/default\/later\s+Running\s+Running\s+node-\d/)), 30_000);
      expect(out).toMatch(/default\/later\s+Pending\s+Pending\s+-\s+created/);
    } finally {
      follower.kill('SIGINT');
    }
    expect(await new Promise((r) => follower.once('exit', (code) => r(code)))).toBe(0);
  });

  it('--at SEQ prints the cluster as it was then, as kubectl tables', async () => {
    const running = (await podJson(cluster, 'web')).metadata.resourceVersion;
    const before = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--at', running);
    expect(before.stdout).toMatch(/^The cluster at seq \d+ \(.+Z\):\n\nNAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP/);
    expect(before.stdout).toMatch(/node-1\s+Ready\s/);
    expect(before.stdout).toMatch(/NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);
    expect(before.stdout).toMatch(/default\s+web\s+1\/1\s+Running\s/);
    const first = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--at', '1');
    expect(first.stdout).toContain('No nodes.\n\nNo pods.\n');
  });

  it('--verify: the log rebuilds the live state, object by object; a log that does not is refused', async () => {
    const ok = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--verify');
    expect(ok.stdout).toMatch(/^state hash [0-9a-f]{16}: \d+ objects equal at resourceVersion \d+\n$/);
    expect(ok.code).toBe(0);
    const exported = await cluster.cli('export', '--data-dir', cluster.dataDir);
    const lines = exported.stdout.split('\n');
    writeFileSync(file('partial.jsonl'), lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n');
    const bad = await cluster.cli('replay', '--file', file('partial.jsonl'), '--verify');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/the log and the apiserver differ \(\d+ objects\):\n/);
    expect(bad.stdout).toMatch(/^(Pod|Node|Event)\/\S+: (not in the log|different \(.+\))$/m);
  });

  it('export → import into a new cluster: the same records, the same objects and resourceVersions', async () => {
    const r = await cluster.cli('export', '--data-dir', cluster.dataDir);
    expect(r.code).toBe(0);
    writeFileSync(file('log.jsonl'), r.stdout);
    const n = r.stdout.split('\n').length - 1;
    const web = await podJson(cluster, 'web');

    imported = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    writeFileSync(file('cut.jsonl'), r.stdout.slice(0, r.stdout.length - 25));
    const cut = await imported.cli('import', file('cut.jsonl'), '--data-dir', imported.dataDir);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toBe(`line ${n}: no newline at the end: truncated file\n`);
    const corrupt = r.stdout.split('\n');
    corrupt[2] = corrupt[2].slice(0, 30);
    writeFileSync(file('corrupt.jsonl'), corrupt.join('\n'));
    expect((await imported.cli('import', file('corrupt.jsonl'), '--data-dir', imported.dataDir)).stderr).toMatch(/^line 3: not valid JSON/);

    const ok = await imported.cli('import', file('log.jsonl'), '--data-dir', imported.dataDir);
    expect(ok.stdout).toBe(`imported ${n} records (seq 1 to ${n}); start the cluster with: kubesim up --data-dir ${imported.dataDir}\n`);
    await imported.up();
    const again = await imported.cli('export', '--data-dir', imported.dataDir);
    // The same records at the same sequences; only `time` (when the stream stored them) is new.
    const records = (text: string) => text.split('\n').filter(Boolean).map((l) => ({ ...JSON.parse(l), time: undefined }));
    expect(records(again.stdout).slice(0, n)).toEqual(records(r.stdout));
    const webAgain = await podJson(imported, 'web');
    expect(webAgain.metadata.uid).toBe(web.metadata.uid);
    expect(Number(webAgain.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(web.metadata.resourceVersion));
    expect((await imported.cli('replay', '--data-dir', imported.dataDir, '--verify')).code).toBe(0);
  });

  it('refuses a record of an unknown schema version with a clear error, from a file and from the stream', async () => {
    const lines = readFileSync(file('log.jsonl'), 'utf8').split('\n');
    lines[1] = lines[1].replace(/"v":1,/, '"v":7,');
    writeFileSync(file('v7.jsonl'), lines.join('\n'));
    const fromFile = await cluster.cli('replay', '--file', file('v7.jsonl'));
    expect(fromFile).toMatchObject({ code: 1, stderr: 'line 2: schema version 7; this kubesim reads version 1\n' });

    const nc = await connectNats(`nats://127.0.0.1:${cluster.natsPort}`, 'e2e', { once: true, credentials: cluster.natsCredentials() });
    const log = await EventLog.open(nc);
    const seq = await log.append({ kind: 'Namespace', namespace: '', name: 'from-the-future' }, 0, { v: 7, events: [] });
    await nc.close();
    const live = await cluster.cli('replay', '--data-dir', cluster.dataDir);
    expect(live).toMatchObject({ code: 1, stderr: `log record ${seq} has schema version 7; this kubesim reads version 1 (upgrade kubesim or import a log it wrote)\n` });
    await eventually(() => Promise.resolve(expect(cluster.output).toMatch(/apiserver exited \(code 1\)/)), 10_000);
    expect(readFileSync(join(cluster.dataDir, 'logs', 'apiserver.log'), 'utf8')).toContain(`stopped following the event log: log record ${seq} has schema version 7`);
  });
});

import type { Node, Pod } from '@kubesim/api';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@kubesim/testing';
import { eventually, ROOT, run, type CliResult } from './harness';

const engine = spawnSync('docker', ['info'], { encoding: 'utf8' }).status === 0;
const compose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0 ? ['docker-compose'] : ['docker', 'compose'];

/**
 * The compose story of the README, as a user runs it: up, three Ready nodes, stop a kubelet and
 * watch its node go NotReady and its pods Unknown, start it again, kill the apiserver, down/up
 * with the volume kept, and the replay from the tools profile.
 */
describe.skipIf(!engine)('docker compose, end to end (needs a Docker engine: ../shared/tools/docker-local.sh)', () => {
  const project = `kubesim-e2e-${process.pid}`;
  let port = 0;
  const dc = (...args: string[]): Promise<CliResult> => run(compose[0], [...compose.slice(1), '-p', project, ...args], { KUBESIM_API_PORT: String(port) }, 600_000);
  const cli = (...args: string[]) => run(process.execPath, [join(ROOT, 'bin/kubesim'), ...args], { KUBESIM_SERVER: `http://127.0.0.1:${port}` });
  const json = async <T>(...args: string[]) => JSON.parse((await cli('get', ...args, '-o', 'json')).stdout) as T;
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-compose-'));

  beforeAll(async () => {
    port = await freePort();
    const built = await dc('build', 'apiserver'); // one image for every service
    if (built.code !== 0) throw new Error(built.stderr.slice(-3000));
    const up = await dc('up', '-d');
    if (up.code !== 0) throw new Error(up.stderr);
  }, 600_000);
  afterAll(async () => {
    await dc('down', '-v');
  }, 120_000);

  it('comes up with three Ready nodes, one of them labelled', async () => {
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200), 90_000, 500);
    const nodes = await json<{ items: Node[] }>('nodes');
    expect(nodes.items.map((n) => [n.metadata.name, n.status.capacity.cpu])).toEqual([['node-1', '4'], ['node-2', '2'], ['node-3', '8']]);
    expect(nodes.items[2].metadata.labels?.disktype).toBe('ssd');
  }, 120_000);

  it('runs a pod pinned to node-2, and a pod elsewhere', async () => {
    const f = join(dir, 'pods.yaml');
    writeFileSync(
      f,
      ['node-2', 'node-1']
        .map((n) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: on-${n}\nspec:\n  nodeName: ${n}\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sleep", "3600"]\n`)
        .join('---\n'),
    );
    expect((await cli('apply', '-f', f)).code).toBe(0);
    await eventually(async () => {
      const pods = await json<{ items: Pod[] }>('pods');
      expect(pods.items.map((p) => p.status.phase)).toEqual(['Running', 'Running']);
    }, 60_000);
  }, 90_000);

  it('docker compose stop kubelet-2: node-2 NotReady within 15 s', async () => {
    const t0 = Date.now();
    expect((await dc('stop', 'kubelet-2')).code).toBe(0);
    await eventually(async () => expect((await cli('get', 'nodes')).stdout).toMatch(/node-2\s+NotReady/), 30_000, 500);
    expect(Date.now() - t0).toBeLessThan(25_000);
    const p = await json<Pod>('pod', 'on-node-1');
    expect(p.status.phase).toBe('Running');
  }, 60_000);

  it('docker compose start kubelet-2: node-2 Ready again, its pod Running', async () => {
    expect((await dc('start', 'kubelet-2')).code).toBe(0);
    await eventually(async () => expect((await cli('get', 'nodes')).stdout).toMatch(/node-2\s+Ready\s/), 60_000, 500);
    await eventually(async () => expect((await json<Pod>('pod', 'on-node-2')).status.phase).toBe('Running'), 60_000, 500);
  }, 120_000);

  it('keeps the state when the apiserver is killed and started, and across down/up with the volume', async () => {
    const uids = async () => (await json<{ items: Pod[] }>('pods')).items.map((p) => p.metadata.uid).sort();
    const before = await uids();
    expect((await dc('kill', 'apiserver')).code).toBe(0);
    expect((await dc('start', 'apiserver')).code).toBe(0);
    await eventually(async () => expect(await uids()).toEqual(before), 60_000, 500);
    expect((await dc('down')).code).toBe(0);
    expect((await dc('up', '-d')).code).toBe(0);
    await eventually(async () => expect(await uids()).toEqual(before), 90_000, 500);
  }, 240_000);

  it('docker compose run --rm cli replay prints the timeline', async () => {
    const r = await dc('run', '--rm', 'cli', 'replay');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/default\/on-node-2\s+Running\s+Running\s+node-2/);
    expect(r.stdout).toMatch(/default\/on-node-2\s+Unknown\s+Unknown\s+node-2\s+node-2 lease expired/);
  }, 120_000);
});

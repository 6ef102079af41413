import type { Pod } from '@kubesim/api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually } from './harness';

const PAUSE = 'registry.k8s.io/pause:3.10';
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: ${PAUSE}
        resources:
          requests: {cpu: 100m}
`;
/** 3 of a node's 4 CPUs: one filler per node, so three fill three nodes. */
const filler = (n: number) => `apiVersion: v1
kind: Pod
metadata:
  name: filler-${n}
spec:
  containers:
  - name: app
    image: ${PAUSE}
    resources:
      requests: {cpu: "3"}
`;

/**
 * What-if (issue 5 §5): a scenario recorded on 3 nodes (a Deployment, three pods that fill the
 * nodes, a node killed), exported, and resimulated on 2 nodes: the report names the pod that
 * stayed Pending although it ran in the original, with the scheduler's message.
 */
describe('kubesim replay --resimulate', () => {
  let cluster: Cluster;
  const file = (name: string) => join(cluster.dataDir, name);
  const pods = async () => (JSON.parse((await cluster.cli('get', 'pods', '-o', 'json')).stdout) as { items: Pod[] }).items;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 3, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.downAll();
  });

  it('replays the user actions of a 3-node log on 2 nodes and reports the pods that stayed Pending', async () => {
    writeFileSync(file('web.yaml'), deployment);
    expect((await cluster.cli('apply', '-f', file('web.yaml'))).code).toBe(0);
    for (const n of [1, 2, 3]) {
      writeFileSync(file(`filler-${n}.yaml`), filler(n));
      expect((await cluster.cli('apply', '-f', file(`filler-${n}.yaml`))).code).toBe(0);
    }
    await eventually(async () => {
      const all = await pods();
      expect(all).toHaveLength(6);
      for (const p of all) expect(p.status.phase).toBe('Running');
    });
    // Kill the node of filler-1: filler-3, the one a 2-node cluster has no room for, runs on.
    const killed = (await pods()).find((p) => p.metadata.name === 'filler-1')!.spec.nodeName!;
    const kill = await cluster.cli('node', 'kill', killed, '--data-dir', cluster.dataDir);
    expect(kill.stdout).toContain(`node/${killed} killed`);

    const timeline = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--node', killed);
    expect(timeline.stdout).toMatch(new RegExp(`node/${killed}\\s+-\\s+-\\s+${killed}\\s+${killed} killed by user:kubesim \\(SIGKILL of its kubelet\\)\\s+user:kubesim`));

    const exported = await cluster.cli('export', '--data-dir', cluster.dataDir);
    expect(exported.code).toBe(0);
    writeFileSync(file('log.jsonl'), exported.stdout);
    await cluster.down();

    const r = await cluster.cli('replay', '--resimulate', file('log.jsonl'), '--nodes', '2', '--time-scale', '0.1');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Resimulating 5 user actions of .*log\.jsonl on a fresh cluster: 2 nodes \(the log had 3\), time scale 0\.1 \(the log's: 0\.1\)/);
    expect(r.stderr).toContain(`node kill ${killed}  (user:kubesim)`);
    expect(r.stdout).toMatch(/^NAMESPACE\s+POD\s+ORIGINAL\s+RESIMULATED\s+DIFFERENCE$/m);
    expect(r.stdout).toMatch(/^default\s+filler-3\s+Running on node-\d\s+Pending\s+stayed Pending: 0\/2 nodes are available: .*Insufficient cpu/m);
    expect(r.stdout).toMatch(/^Summary: \d+ pods? of 6 differs? \(6 in the resimulation\): 1 stayed Pending/m);
  }, 300_000);
});

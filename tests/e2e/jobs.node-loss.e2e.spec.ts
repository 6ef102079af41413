import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

const sleeper = (name: string, extra = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${extra}  template:
    spec:
      tolerations:
      - key: node.kubernetes.io/unreachable
        operator: Exists
        effect: NoExecute
        tolerationSeconds: 1
      containers:
      - name: c
        image: busybox:1.28
        command: ["sleep", "3600"]
      restartPolicy: Never
`;

interface PodRow {
  name: string;
  node: string;
  phase: string;
  deleting: boolean;
}

/** A Job's pod on a node that is lost (its kubelet killed), at time scale 0.1. */
describe.skipIf(!hasKubectl)('Jobs on a lost node (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const pods = async (job: string): Promise<PodRow[]> => {
    const out = JSON.parse(await cluster.kubectlOk('get', 'pods', '-l', `job-name=${job}`, '-o', 'json')) as { items: { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName?: string }; status: { phase: string } }[] };
    return out.items.map((p) => ({ name: p.metadata.name, node: p.spec.nodeName ?? '', phase: p.status.phase, deleting: Boolean(p.metadata.deletionTimestamp) }));
  };

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
  }, 120_000);
  afterAll(async () => {
    await cluster?.down();
  });

  it('TerminatingOrFailed (default) replaces the evicted pod on the other node at once; Failed waits while it is Terminating', async () => {
    for (const [name, extra] of [['tof', ''], ['fld', '  podReplacementPolicy: Failed\n']]) {
      const f = join(cluster.dataDir, `${name}.yaml`);
      writeFileSync(f, sleeper(name, extra));
      await cluster.kubectlOk('apply', '-f', f);
    }
    // Both on one node: put the second where the first runs, then lose that node.
    const first = await eventually(async () => {
      const [p] = await pods('tof');
      if (p?.phase !== 'Running') throw new Error('not running yet');
      return p;
    }, 30_000);
    await eventually(async () => {
      const [p] = await pods('fld');
      if (p?.phase !== 'Running') throw new Error('not running yet');
    }, 30_000);
    const fldNode = (await pods('fld'))[0].node;
    const lost = first.node;
    expect((await cluster.cli('node', 'kill', lost, '--data-dir', cluster.dataDir)).code).toBe(0);
    const replaced = await eventually(async () => {
      const now = await pods('tof');
      const fresh = now.find((p) => p.name !== first.name && p.phase === 'Running');
      if (!fresh) throw new Error(JSON.stringify(now));
      return { now, fresh };
    }, 60_000);
    expect(replaced.fresh.node).not.toBe(lost);
    expect(replaced.now.find((p) => p.name === first.name)?.deleting).toBe(true);
    expect(JSON.parse(await cluster.kubectlOk('get', 'job', 'tof', '-o', 'jsonpath={.status}'))).toMatchObject({ active: 1, failed: 1, terminating: 1 });
    if (fldNode === lost) {
      // The same lost node: its pod is Terminating (the kubelet is gone), so no replacement yet.
      const fld = await pods('fld');
      expect(fld).toHaveLength(1);
      expect(fld[0].deleting).toBe(true);
    }
  });
});

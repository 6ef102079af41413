import type { Node } from '@kubesim/api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually } from './harness';

/**
 * The node-lifecycle controller's zone disruption handling (semantics §9.2) as a user sees it:
 * when every node is lost, the controller blames itself, not the nodes, and evicts nothing (no
 * NoExecute taint); as soon as one node is Ready again, the lost ones get their NoExecute taint.
 */
const TIME_SCALE = 0.1;
const s = (seconds: number) => seconds * 1000 * TIME_SCALE;

describe('node loss in a fully disrupted cluster, end to end', () => {
  let cluster: Cluster;
  const node = async (name: string) => (await (await fetch(`${cluster.server}/api/v1/nodes/${name}`)).json()) as Node;
  const ready = async (name: string) => (await node(name)).status.conditions.find((c) => c.type === 'Ready')?.status;
  const taints = async (name: string) => ((await node(name)).spec.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
  const controllerLog = () => readFileSync(join(cluster.dataDir, 'logs', 'controller-manager.log'), 'utf8');

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: TIME_SCALE });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('the only node lost: NotReady and unschedulable, but no NoExecute taint; a node Ready again ends it', async () => {
    expect((await cluster.cli('node', 'kill', 'node-1', '--data-dir', cluster.dataDir)).code).toBe(0);
    await eventually(async () => expect(await ready('node-1')).toBe('Unknown'), s(50 + 5) + 5_000, 100);
    await eventually(async () => expect(await taints('node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']));
    expect(controllerLog()).toContain('Entering master disruption mode');
    // Several monitor periods later, still no NoExecute taint.
    await new Promise((r) => setTimeout(r, s(5) * 4));
    expect(await taints('node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);

    expect((await cluster.cli('node', 'add', 'node-2', '--data-dir', cluster.dataDir)).code).toBe(0);
    await eventually(async () => expect(await ready('node-2')).toBe('True'));
    // Out of master disruption, node-1's zone gets its normal rate (0.1 node/s) from an empty bucket.
    await eventually(
      async () => expect(await taints('node-1')).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']),
      s(5 + 10) + 5_000,
      100,
    );
    expect(controllerLog()).toContain('Exiting master disruption mode');
  });
});

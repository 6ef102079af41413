import type { Node } from '@kubesim/api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, ROOT, run } from './harness';

/**
 * More than 256 nodes: the cluster CIDR widens with --nodes (10.244.0.0/14 above 256), or is
 * chosen with --cluster-cidr and refused when it cannot hold the nodes.
 */
describe('kubesim up --nodes 300: a cluster CIDR wider than a /16', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 300, timeScale: 0.1, upArgs: ['--nodes-per-process', '150'] });
    await cluster.up();
  }, 240_000);
  afterAll(async () => {
    await cluster?.down();
  });

  it('brings up 300 Ready nodes, each with its own /24 of 10.244.0.0/14', async () => {
    const nodes = ((await (await fetch(`${cluster.server}/api/v1/nodes`)).json()) as { items: Node[] }).items;
    expect(nodes.filter((n) => n.status.conditions.find((c) => c.type === 'Ready')?.status === 'True')).toHaveLength(300);
    const cidrs = nodes.map((n) => n.spec.podCIDR!);
    expect(new Set(cidrs).size).toBe(300);
    // 256 /24s fill 10.244.0.0/16; the other 44 come from 10.245.
    expect(cidrs.filter((c) => c.startsWith('10.245.'))).toHaveLength(44);
    expect(cidrs.every((c) => /^10\.24[45]\.\d+\.0\/24$/.test(c))).toBe(true);
  });

  it('refuses a --cluster-cidr that cannot hold the nodes, before starting anything', async () => {
    const dataDir = join(cluster.dataDir, 'never');
    const r = await run(process.execPath, [join(ROOT, 'bin', 'kubesim'), 'up', '--nodes', '1000', '--cluster-cidr', '10.244.0.0/16', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("kubesim up: --cluster-cidr: 10.244.0.0/16 holds 256 nodes' /24 pod CIDRs, not 1000: widen it (a /14 holds 1024) or ask for fewer nodes");
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a --cluster-cidr overlapping the service CIDR', async () => {
    const r = await run(process.execPath, [join(ROOT, 'bin', 'kubesim'), 'up', '--cluster-cidr', '10.96.0.0/16', '--data-dir', join(cluster.dataDir, 'never')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kubesim up: --cluster-cidr: 10.96.0.0/16 overlaps the service CIDR 10.96.0.0/12');
  });
});

import { ConfigError } from '@kubesim/api';
import { loadPoolConfig } from './pool.config';

const env = (nodes: unknown, more: Record<string, string> = {}) => ({ KUBESIM_POOL_NAME: 'pool-2', KUBESIM_POOL_NODES: typeof nodes === 'string' ? nodes : JSON.stringify(nodes), ...more });

describe("a kubelet pool's configuration (KUBESIM_POOL_NODES)", () => {
  it('given names and objects, then each node has its own identity over the shared KUBESIM_NODE_* defaults', () => {
    const c = loadPoolConfig(env(['node-1', { name: 'node-2', cpu: '8', labels: 'disktype=ssd', bootId: 'b-2' }], { KUBESIM_NODE_CPU: '2', KUBESIM_NODE_MEMORY: '4Gi', KUBESIM_TIME_SCALE: '0.1' }));
    expect(c.settings).toMatchObject({ pool: 'pool-2', timeScale: 0.1 });
    expect(c.nodes.map((n) => [n.nodeName, n.cpu, n.memory, n.labels, n.bootId, n.timeScale])).toEqual([
      ['node-1', '2', '4Gi', '', '', 0.1],
      ['node-2', '8', '4Gi', 'disktype=ssd', 'b-2', 0.1],
    ]);
  });

  it("given the pool's own KUBESIM_BOOT_ID, then no node takes it: each boot is its entry's", () => {
    expect(loadPoolConfig(env(['node-1'], { KUBESIM_BOOT_ID: 'shared' })).nodes[0].bootId).toBe('');
  });

  it.each([
    ['not JSON', 'node-1,node-2', /KUBESIM_POOL_NODES="node-1,node-2": must be a JSON list/],
    ['an empty list', [], /KUBESIM_POOL_NODES: must be a non-empty JSON list/],
    ['an entry without a name', [{ cpu: '2' }], /KUBESIM_POOL_NODES\[0\]: must be a node name or an object with a "name"/],
    ['an invalid name', ['Node_1'], /KUBESIM_POOL_NODES\[0\] \(Node_1\): invalid configuration:\n {2}KUBESIM_NODE_NAME="Node_1": nodeName must be a lowercase RFC 1123 name/],
    ['a bad quantity', [{ name: 'node-1', memory: 'lots' }], /KUBESIM_POOL_NODES\[0\] \(node-1\): .*KUBESIM_NODE_MEMORY="lots"/s],
    ['an unknown field', [{ name: 'node-1', gpus: 2 }], /KUBESIM_POOL_NODES\[0\] \(node-1\): unknown field "gpus"/],
    ['a node listed twice', ['node-1', { name: 'node-1' }], /KUBESIM_POOL_NODES\[1\]: node node-1 is listed twice/],
  ])('given %s, then a ConfigError says which entry and why', (_what, nodes, message) => {
    expect(() => loadPoolConfig(env(nodes))).toThrow(ConfigError);
    expect(() => loadPoolConfig(env(nodes))).toThrow(message);
  });

  it('given a name pattern with {host} and {i}, then count names of its own per machine, and the pool named after it too', () => {
    const c = loadPoolConfig(env({ pattern: 'node-{host}-{i}', count: 3 }, { KUBESIM_POOL_NAME: 'pool-{host}' }), '3f2a9c');
    expect(c.settings.pool).toBe('pool-3f2a9c');
    expect(c.nodes.map((n) => n.nodeName)).toEqual(['node-3f2a9c-1', 'node-3f2a9c-2', 'node-3f2a9c-3']);
    expect(loadPoolConfig(env({ pattern: 'n{i}', count: 2, first: 0 })).nodes.map((n) => n.nodeName)).toEqual(['n0', 'n1']);
  });

  it.each([
    ['no {i}', { pattern: 'node', count: 2 }, /needs "pattern" with \{i\}/],
    ['a count of 0', { pattern: 'node-{i}', count: 0 }, /"count" must be an integer from 1 to 1000/],
    ['an unknown field', { pattern: 'node-{i}', count: 2, cpu: '2' }, /unknown field "cpu" in a name pattern/],
  ])('given a name pattern with %s, then it is refused', (_what, nodes, message) => {
    expect(() => loadPoolConfig(env(nodes))).toThrow(message);
  });

  it('given a pool name that cannot be part of a NATS subject, then it is refused', () => {
    expect(() => loadPoolConfig(env(['node-1'], { KUBESIM_POOL_NAME: 'pool.1' }))).toThrow(/KUBESIM_POOL_NAME="pool.1": pool must be a lowercase name/);
  });
});

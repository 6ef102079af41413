import { nodeLayout, nodesPerProcess } from './node-layout';

describe('the layout of kubesim up --nodes N over kubelet processes', () => {
  it('given up to ten nodes and no flag, when laid out, then every node is its own process', () => {
    expect(nodesPerProcess(10)).toBe(1);
    expect(nodeLayout(3)).toEqual([
      { kind: 'node', node: 'node-1' },
      { kind: 'node', node: 'node-2' },
      { kind: 'node', node: 'node-3' },
    ]);
  });

  it('given more than ten nodes and no flag, when laid out, then pools of fifty in node order', () => {
    expect(nodesPerProcess(11)).toBe(50);
    const plans = nodeLayout(120);
    expect(plans.map((p) => (p.kind === 'pool' ? [p.pool, p.nodes.length, p.nodes[0]] : p))).toEqual([
      ['pool-1', 50, 'node-1'],
      ['pool-2', 50, 'node-51'],
      ['pool-3', 20, 'node-101'],
    ]);
  });

  it('given --nodes-per-process 3 for 6 nodes, then two pools of three', () => {
    expect(nodeLayout(6, 3)).toEqual([
      { kind: 'pool', pool: 'pool-1', nodes: ['node-1', 'node-2', 'node-3'] },
      { kind: 'pool', pool: 'pool-2', nodes: ['node-4', 'node-5', 'node-6'] },
    ]);
  });

  it('given --nodes-per-process 1 for 100 nodes, then a hundred processes', () => {
    const plans = nodeLayout(100, 1);
    expect(plans).toHaveLength(100);
    expect(plans.every((p) => p.kind === 'node')).toBe(true);
  });

  it('given --nodes-per-process above the node count, then one pool of all of them', () => {
    expect(nodeLayout(4, 50)).toEqual([{ kind: 'pool', pool: 'pool-1', nodes: ['node-1', 'node-2', 'node-3', 'node-4'] }]);
  });
});

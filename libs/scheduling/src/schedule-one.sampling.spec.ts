import { Node } from '@kubesim/api';
import { FilterPlugin, newNodeInfo, Profile, SKIP, success } from './framework';
import { defaultProfile } from './registry';
import { numFeasibleNodesToFind, schedulePod } from './schedule-one';
import { makeNode, makePod } from './testing/builders';

const nodes = (n: number, f: (i: number) => Node = (i) => makeNode(`n${i}`).build()) => Array.from({ length: n }, (_, i) => newNodeInfo(f(i)));
const first = () => 0;

describe('numFeasibleNodesToFind (upstream percentageOfNodesToScore)', () => {
  it.each<[number, number, number]>([
    // [nodes, percentage, feasible nodes to find]
    [50, 0, 50], // below 100 nodes: every node
    [99, 10, 99],
    [100, 0, 100],
    [1000, 0, 420], // 50 − 1000/125 = 42 %
    [5000, 0, 500], // 50 − 40 = 10 %
    [6000, 0, 300], // 50 − 48 = 2 % → at least 5 %
    [1000, 5, 100], // 50 nodes → at least 100
    [1000, 100, 1000],
    [1000, 30, 300],
  ])('%d nodes at %d %% → %d', (n, pct, expected) => {
    expect(numFeasibleNodesToFind(n, pct)).toBe(expected);
  });
});

describe('schedulePod: stopping once enough feasible nodes are found', () => {
  const pod = makePod().requests({ cpu: '100m' }).build();

  it('filters from startNodeIndex, stops at numFeasibleNodesToFind and says where the next cycle starts', () => {
    const r = schedulePod(pod, nodes(1000), defaultProfile, first, {}, { startNodeIndex: 990 });
    expect(r).toMatchObject({ kind: 'Scheduled', evaluatedNodes: 420, nextStartNodeIndex: (990 + 420) % 1000 });
    // The nodes scored are the 420 from index 990 on, wrapping around.
    expect(r.kind === 'Scheduled' && [r.scores.length, r.scores[0].node, r.scores[10].node, r.scores[419].node]).toEqual([420, 'n990', 'n0', 'n409']);
  });

  it('counts rejected nodes as evaluated too', () => {
    // Every other node cordoned: 420 feasible nodes take 839 evaluations.
    const infos = nodes(1000, (i) => makeNode(`n${i}`).unschedulable(i % 2 === 1).build());
    const r = schedulePod(pod, infos, defaultProfile, first);
    expect(r).toMatchObject({ kind: 'Scheduled', evaluatedNodes: 839, nextStartNodeIndex: 839 });
  });

  it('evaluates every node below 100 nodes, and the start index stays', () => {
    const r = schedulePod(pod, nodes(99), defaultProfile, first, {}, { startNodeIndex: 7 });
    expect(r).toMatchObject({ kind: 'Scheduled', evaluatedNodes: 99, nextStartNodeIndex: 7 });
  });

  it('tries every node before reporting a FitError over all of them', () => {
    const big = makePod().requests({ cpu: '64' }).build();
    const r = schedulePod(big, nodes(1000), defaultProfile, first, {}, { startNodeIndex: 500 });
    expect(r).toMatchObject({ kind: 'Unschedulable', numAllNodes: 1000 });
    expect(r.kind === 'Unschedulable' && r.nodeStatuses.length).toBe(1000);
  });

  it('percentageOfNodesToScore 100 scores every feasible node', () => {
    const r = schedulePod(pod, nodes(1000), defaultProfile, first, {}, { percentageOfNodesToScore: 100 });
    expect(r).toMatchObject({ kind: 'Scheduled', evaluatedNodes: 1000, nextStartNodeIndex: 0 });
  });
});

describe('schedulePod: a PreFilter returning SKIP', () => {
  it("does not run that plugin's Filter: every node passes it", () => {
    const filter = vi.fn(() => success());
    const skipping: FilterPlugin<undefined> = { name: 'Skipping', preFilter: () => SKIP, filter };
    const profile: Profile = { filters: [skipping], scores: [] };
    expect(schedulePod(makePod().build(), nodes(3), profile, first)).toMatchObject({ kind: 'Scheduled', node: 'n0' });
    expect(filter).not.toHaveBeenCalled();
  });

  it('a pod without affinity, host ports, node selector or constraints runs only the filters upstream runs', () => {
    const ran = new Set<string>();
    const spied: Profile = {
      filters: defaultProfile.filters.map((p) => ({ ...p, filter: (pod: never, ni: never, s: never) => (ran.add(p.name), p.filter(pod, ni, s)) })),
      scores: defaultProfile.scores,
    };
    schedulePod(makePod().requests({ cpu: '1' }).build(), nodes(3), spied, first);
    expect([...ran]).toEqual(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeResourcesFit']);
  });
});

import { Node, Pod } from '@kubesim/api';
import { buildNodeInfos } from '../framework';
import { defaultProfile } from '../registry';
import { schedulePod } from '../schedule-one';
import { makeNode, makePod } from '../testing/builders';
import { scoreOutcomes } from '../testing/score-outcomes';
import { podTopologySpreadScore } from './pod-topology-spread.score';

const ZONE = 'topology.kubernetes.io/zone';
const zoned = (name: string, zone: string) => makeNode(name).labels({ [ZONE]: zone }).build();
const web = (name: string, node: string) => makePod(name).labels({ app: 'web' }).nodeName(node).phase('Running').build();
const soft = (key: string, maxSkew = 1) => makePod('new').labels({ app: 'web' }).spread(key, maxSkew, { app: 'web' }, { whenUnsatisfiable: 'ScheduleAnyway' }).build();

const scores = (pod: Pod, nodes: Node[], pods: Pod[], cycle = {}) => scoreOutcomes(podTopologySpreadScore, pod, nodes, pods, cycle);

describe('PodTopologySpread score (ScheduleAnyway)', () => {
  it('the emptiest zone scores 100, fuller ones less', () => {
    const nodes = [zoned('a1', 'a'), zoned('b1', 'b'), zoned('c1', 'c')];
    // weight log(3 + 2) ≈ 1.609: a = round(2 × 1.609) = 3, b = 2, c = 0 → (3 + 0 − s) × 100 / 3
    expect(scores(soft(ZONE), nodes, [web('w1', 'a1'), web('w2', 'a1'), web('w3', 'b1')])).toEqual({ a1: 0, b1: 33, c1: 100 });
  });

  it('an even spread: every node 100', () => {
    const nodes = [zoned('a1', 'a'), zoned('b1', 'b')];
    expect(scores(soft(ZONE), nodes, [web('w1', 'a1'), web('w2', 'b1')])).toEqual({ a1: 100, b1: 100 });
  });

  it('per hostname, counted on each node', () => {
    const nodes = [makeNode('n1').build(), makeNode('n2').build()];
    expect(scores(soft('kubernetes.io/hostname'), nodes, [web('w1', 'n1')])).toEqual({ n1: 0, n2: 100 });
  });

  it('a node without the topology key scores 0', () => {
    const nodes = [zoned('a1', 'a'), makeNode('bare').build()];
    expect(scores(soft(ZONE), nodes, [])).toEqual({ a1: 100, bare: 0 });
  });

  it('a pod without constraints, Service or ReplicaSet scores 0 everywhere', () => {
    const nodes = [zoned('a1', 'a'), zoned('b1', 'b')];
    expect(scores(makePod('new').build(), nodes, [web('w1', 'a1')])).toEqual({ a1: 0, b1: 0 });
  });

  it('tips the choice of node when resources are equal', () => {
    const nodes = [zoned('a1', 'a'), zoned('b1', 'b')];
    const pods = [web('w1', 'a1'), makePod('other').nodeName('b1').build()];
    const r = schedulePod(soft(ZONE), buildNodeInfos(nodes, pods), defaultProfile, () => 0);
    expect(r).toMatchObject({ kind: 'Scheduled', node: 'b1' });
  });
});

describe('PodTopologySpread score: the system default spreading', () => {
  const replica = (name: string, node?: string) => {
    const b = makePod(name).labels({ app: 'web', 'pod-template-hash': 'abc' });
    return node ? b.nodeName(node).phase('Running').build() : b.build();
  };
  const cycle = { defaultSpreadSelector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } } };

  it('spreads a ReplicaSet’s pods over nodes (maxSkew 3) even without zone labels', () => {
    const nodes = [makeNode('n1').build(), makeNode('n2').build(), makeNode('n3').build()];
    // weight log(3 + 2): n1 = round(2 × 1.609 + 2) = 5, n2 = round(1.609 + 2) = 4, n3 = 2 → (5 + 2 − s) × 100 / 5
    expect(scores(replica('new'), nodes, [replica('a', 'n1'), replica('b', 'n1'), replica('c', 'n2')], cycle)).toEqual({ n1: 40, n2: 60, n3: 100 });
  });

  it('and over zones (maxSkew 5) where nodes have them', () => {
    const nodes = [zoned('a1', 'a'), zoned('a2', 'a'), zoned('b1', 'b')];
    const s = scores(replica('new'), nodes, [replica('x', 'a1')], cycle);
    expect(s.b1).toBe(100);
    expect(s.a2).toBeGreaterThan(s.a1);
  });

  it('does not apply to a pod with constraints of its own', () => {
    const own = makePod('new').labels({ app: 'web' }).spread(ZONE, 1, { app: 'web' }).build();
    const nodes = [makeNode('n1').build(), makeNode('n2').build()];
    expect(scores(own, nodes, [web('w', 'n1')], cycle)).toEqual({ n1: 0, n2: 0 });
  });
});

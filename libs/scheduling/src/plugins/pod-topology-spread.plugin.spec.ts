import { Node, Pod } from '@kubesim/api';
import { filterVerdicts } from '../testing/filter-verdicts';
import { makeNode, makePod } from '../testing/builders';
import { podTopologySpread } from './pod-topology-spread.plugin';

const ZONE = 'topology.kubernetes.io/zone';
const zoned = (name: string, zone: string) => makeNode(name).labels({ [ZONE]: zone }).build();
const web = (name: string, node: string) => makePod(name).labels({ app: 'web' }).nodeName(node).phase('Running').build();
const incoming = (maxSkew = 1, extra = {}) => makePod('new').labels({ app: 'web' }).spread(ZONE, maxSkew, { app: 'web' }, extra).build();

/** Each node's verdict: 'ok', or the first reason. */
const verdicts = (pod: Pod, nodes: Node[], pods: Pod[]) => filterVerdicts(podTopologySpread, pod, nodes, pods);

const SKEW = "Unschedulable: node(s) didn't match pod topology spread constraints";
const MISSING = "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)";
const threeZones = [zoned('a1', 'a'), zoned('b1', 'b'), zoned('c1', 'c')];

describe('PodTopologySpread filter (DoNotSchedule)', () => {
  it('maxSkew 1: only the emptiest zones are allowed once the others are ahead', () => {
    expect(verdicts(incoming(), threeZones, [web('w1', 'a1'), web('w2', 'b1')])).toEqual({ a1: SKEW, b1: SKEW, c1: 'ok' });
  });

  it('an even spread allows every zone', () => {
    expect(verdicts(incoming(), threeZones, [web('w1', 'a1'), web('w2', 'b1'), web('w3', 'c1')])).toEqual({ a1: 'ok', b1: 'ok', c1: 'ok' });
  });

  it('maxSkew 2 tolerates a difference of two', () => {
    expect(verdicts(incoming(2), threeZones, [web('w1', 'a1'), web('w2', 'b1')])).toEqual({ a1: 'ok', b1: 'ok', c1: 'ok' });
  });

  it('a node without the topology key is rejected as unresolvable', () => {
    expect(verdicts(incoming(), [zoned('a1', 'a'), makeNode('bare').build()], [])).toEqual({ a1: 'ok', bare: MISSING });
  });

  it('nodes of one zone add up', () => {
    const nodes = [zoned('a1', 'a'), zoned('a2', 'a'), zoned('b1', 'b')];
    expect(verdicts(incoming(), nodes, [web('w1', 'a1')])).toEqual({ a1: SKEW, a2: SKEW, b1: 'ok' });
  });

  it('counts only pods the selector matches, in the pod namespace, not being deleted', () => {
    const others = [
      makePod('x').labels({ app: 'db' }).nodeName('a1').build(),
      makePod('y').namespace('other').labels({ app: 'web' }).nodeName('a1').build(),
      makePod('z').labels({ app: 'web' }).nodeName('a1').deleting().build(),
    ];
    expect(verdicts(incoming(), threeZones, others)).toEqual({ a1: 'ok', b1: 'ok', c1: 'ok' });
  });

  it('a pod the selector does not match adds nothing to the skew', () => {
    const pod = makePod('new').labels({ app: 'other' }).spread(ZONE, 1, { app: 'web' }).build();
    expect(verdicts(pod, threeZones, [web('w1', 'a1')])).toEqual({ a1: 'ok', b1: 'ok', c1: 'ok' });
  });

  it('minDomains: with fewer domains than asked, the minimum counts as 0', () => {
    const nodes = [zoned('a1', 'a'), zoned('b1', 'b')];
    const pods = [web('w1', 'a1'), web('w2', 'b1')];
    expect(verdicts(incoming(1, { minDomains: 3 }), nodes, pods)).toEqual({ a1: SKEW, b1: SKEW });
    expect(verdicts(incoming(1, { minDomains: 2 }), nodes, pods)).toEqual({ a1: 'ok', b1: 'ok' });
  });

  it('nodes the pod cannot select by node affinity are not domains (nodeAffinityPolicy Honor)', () => {
    const nodes = [zoned('a1', 'a'), makeNode('b1').labels({ [ZONE]: 'b', pool: 'other' }).build()];
    const pod = makePod('new').labels({ app: 'web' }).spread(ZONE, 1, { app: 'web' }).nodeSelector({ [ZONE]: 'a' }).build();
    expect(verdicts(pod, nodes, [web('w1', 'a1')])).toMatchObject({ a1: 'ok' });
  });

  it('ScheduleAnyway constraints never filter', () => {
    const pod = incoming(1, { whenUnsatisfiable: 'ScheduleAnyway' });
    expect(verdicts(pod, [...threeZones, makeNode('bare').build()], [web('w1', 'a1'), web('w2', 'a1')])).toEqual({
      a1: 'ok',
      b1: 'ok',
      c1: 'ok',
      bare: 'ok',
    });
  });

  it('hostname spread: one pod per node', () => {
    const nodes = [makeNode('n1').build(), makeNode('n2').build()];
    const pod = makePod('new').labels({ app: 'web' }).spread('kubernetes.io/hostname', 1, { app: 'web' }).build();
    expect(verdicts(pod, nodes, [web('w1', 'n1')])).toEqual({ n1: SKEW, n2: 'ok' });
  });
});

import { Node, Pod } from '@kubesim/api';
import { filterVerdicts } from '../testing/filter-verdicts';
import { makeNode, makePod } from '../testing/builders';
import { interPodAffinity, termMatchesPod } from './inter-pod-affinity.plugin';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const zoned = (name: string, zone: string) => makeNode(name).labels({ [ZONE]: zone }).build();
const running = (name: string, labels: Record<string, string>, node: string) => makePod(name).labels(labels).nodeName(node).phase('Running').build();

const verdicts = (pod: Pod, nodes: Node[], pods: Pod[]) => filterVerdicts(interPodAffinity, pod, nodes, pods);

const AFFINITY = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";
const ANTI = "Unschedulable: node(s) didn't match pod anti-affinity rules";
const EXISTING = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";
const nodes = [zoned('a1', 'a'), zoned('a2', 'a'), zoned('b1', 'b')];

describe('InterPodAffinity filter', () => {
  it('pod affinity: only the domain holding a matching pod', () => {
    const pod = makePod('web').podAffinity(ZONE, { app: 'cache' }).build();
    expect(verdicts(pod, nodes, [running('c', { app: 'cache' }, 'a2')])).toEqual({ a1: 'ok', a2: 'ok', b1: AFFINITY });
  });

  it('pod affinity with nothing matching anywhere: nowhere', () => {
    const pod = makePod('web').podAffinity(ZONE, { app: 'cache' }).build();
    expect(verdicts(pod, nodes, [])).toEqual({ a1: AFFINITY, a2: AFFINITY, b1: AFFINITY });
  });

  it('pod affinity to its own labels: the first pod of the group may go anywhere with the key', () => {
    const pod = makePod('web').labels({ app: 'web' }).podAffinity(ZONE, { app: 'web' }).build();
    expect(verdicts(pod, [...nodes, makeNode('bare').build()], [])).toEqual({ a1: 'ok', a2: 'ok', b1: 'ok', bare: AFFINITY });
  });

  it('pod affinity: a node without the topology key never matches', () => {
    const pod = makePod('web').podAffinity(ZONE, { app: 'cache' }).build();
    const bare = makeNode('bare').build();
    expect(verdicts(pod, [zoned('a1', 'a'), bare], [running('c', { app: 'cache' }, 'bare'), running('d', { app: 'cache' }, 'a1')])).toEqual({
      a1: 'ok',
      bare: AFFINITY,
    });
  });

  it('pod anti-affinity: not in the domain of a matching pod', () => {
    const pod = makePod('web').podAntiAffinity(ZONE, { app: 'web' }).build();
    expect(verdicts(pod, nodes, [running('w', { app: 'web' }, 'a1')])).toEqual({ a1: ANTI, a2: ANTI, b1: 'ok' });
  });

  it('pod anti-affinity per hostname: one per node', () => {
    const pod = makePod('web').labels({ app: 'web' }).podAntiAffinity(HOST, { app: 'web' }).build();
    expect(verdicts(pod, nodes, [running('w', { app: 'web' }, 'a1')])).toEqual({ a1: ANTI, a2: 'ok', b1: 'ok' });
  });

  it("existing pods' anti-affinity keeps the incoming pod out of their domain", () => {
    const loner = makePod('loner').podAntiAffinity(ZONE, { app: 'web' }).nodeName('b1').phase('Running').build();
    const pod = makePod('web').labels({ app: 'web' }).build();
    expect(verdicts(pod, nodes, [loner])).toEqual({ a1: 'ok', a2: 'ok', b1: EXISTING });
  });

  it('affinity fails before anti-affinity', () => {
    const pod = makePod('web').podAffinity(ZONE, { app: 'cache' }).podAntiAffinity(ZONE, { app: 'web' }).build();
    const pods = [running('c', { app: 'cache' }, 'a1'), running('w', { app: 'web' }, 'a1')];
    expect(verdicts(pod, nodes, pods)).toEqual({ a1: ANTI, a2: ANTI, b1: AFFINITY });
  });
});

describe('affinity term namespaces', () => {
  const other = makePod('x').namespace('other').labels({ app: 'cache' }).build();
  const term = (extra = {}) => ({ topologyKey: ZONE, labelSelector: { matchLabels: { app: 'cache' } }, ...extra });

  it.each<[string, object, boolean]>([
    ["neither namespaces nor a selector: the term's own namespace", {}, false],
    ['listed namespaces', { namespaces: ['other'] }, true],
    ['an empty namespaceSelector: every namespace', { namespaceSelector: {} }, true],
    ['a namespaceSelector on the name label', { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } }, true],
    ['a namespaceSelector that does not match', { namespaceSelector: { matchLabels: { team: 'x' } } }, false],
  ])('%s', (_name, extra, expected) => {
    expect(termMatchesPod(term(extra), 'default', other)).toBe(expected);
  });

  it('a term without a labelSelector selects no pod', () => {
    expect(termMatchesPod({ topologyKey: ZONE }, 'other', other)).toBe(false);
  });
});

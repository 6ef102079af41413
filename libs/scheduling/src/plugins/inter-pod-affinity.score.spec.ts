import { Node, Pod } from '@kubesim/api';
import { buildNodeInfos } from '../framework';
import { defaultProfile } from '../registry';
import { schedulePod } from '../schedule-one';
import { makeNode, makePod } from '../testing/builders';
import { scoreOutcomes } from '../testing/score-outcomes';
import { interPodAffinityScore } from './inter-pod-affinity.score';

const ZONE = 'topology.kubernetes.io/zone';
const zoned = (name: string, zone: string) => makeNode(name).labels({ [ZONE]: zone }).build();
const nodes = [zoned('a1', 'a'), zoned('b1', 'b'), zoned('c1', 'c')];
const running = (name: string, labels: Record<string, string>, node: string) => makePod(name).labels(labels).nodeName(node).phase('Running').build();
const term = (app: string) => ({ topologyKey: ZONE, labelSelector: { matchLabels: { app } } });

const scores = (pod: Pod, nodes: Node[], pods: Pod[]) => scoreOutcomes(interPodAffinityScore, pod, nodes, pods);

describe('InterPodAffinity score', () => {
  it('preferred affinity: the domain with matching pods scores 100', () => {
    const pod = makePod('web').build();
    pod.spec.affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term('cache') }] } };
    expect(scores(pod, nodes, [running('c', { app: 'cache' }, 'b1')])).toEqual({ a1: 0, b1: 100, c1: 0 });
  });

  it('preferred anti-affinity: the domain with matching pods scores 0, the others 100', () => {
    const pod = makePod('web').build();
    pod.spec.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term('web') }] } };
    expect(scores(pod, nodes, [running('w', { app: 'web' }, 'a1')])).toEqual({ a1: 0, b1: 100, c1: 100 });
  });

  it('weights add up: two matching pods beat one', () => {
    const pod = makePod('web').build();
    pod.spec.affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('cache') }] } };
    const pods = [running('c1', { app: 'cache' }, 'a1'), running('c2', { app: 'cache' }, 'b1'), running('c3', { app: 'cache' }, 'b1')];
    expect(scores(pod, nodes, pods)).toEqual({ a1: 50, b1: 100, c1: 0 });
  });

  it("existing pods' terms count too: their required affinity to the incoming pod (weight 1) and preferred anti-affinity", () => {
    const wantsWeb = makePod('x').podAffinity(ZONE, { app: 'web' }).nodeName('a1').build();
    const avoidsWeb = makePod('y').nodeName('b1').build();
    avoidsWeb.spec.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('web') }] } };
    expect(scores(makePod('web').labels({ app: 'web' }).build(), nodes, [wantsWeb, avoidsWeb])).toEqual({ a1: 100, b1: 0, c1: 83 });
  });

  it('no affinity anywhere: 0 everywhere', () => {
    expect(scores(makePod('web').build(), nodes, [running('c', { app: 'cache' }, 'b1')])).toEqual({ a1: 0, b1: 0, c1: 0 });
  });

  it('tips the choice of node when resources are equal', () => {
    const pod = makePod('web').build();
    pod.spec.affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term('cache') }] } };
    const pods = [running('c', { app: 'cache' }, 'c1'), running('o1', { app: 'x' }, 'a1'), running('o2', { app: 'x' }, 'b1')];
    expect(schedulePod(pod, buildNodeInfos(nodes, pods), defaultProfile, () => 0)).toMatchObject({ kind: 'Scheduled', node: 'c1' });
  });
});

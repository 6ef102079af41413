import { Pod } from '@kubesim/api';
import { newNodeInfo } from '../framework';
import { makeNode, makePod } from '../testing/builders';
import { leastAllocated, leastRequestedScore } from './least-allocated.plugin';

const node = makeNode('n1').capacity({ cpu: '4', memory: '8Gi' }).build();

describe('NodeResourcesFit score (LeastAllocated)', () => {
  it.each<[string, Pod, Pod[], number]>([
    // cpu (4000-1000)*100/4000 = 75, memory (8-2)*100/8 = 75
    ['empty node', makePod().requests({ cpu: '1', memory: '2Gi' }).build(), [], 75],
    // cpu (1+1 of 4) → 50, memory (2Gi+4Gi of 8Gi) → 25; (50+25)/2 = 37
    ['counts pods already on the node', makePod().requests({ cpu: '1', memory: '2Gi' }).build(), [makePod('a').nodeName('n1').requests({ cpu: '1', memory: '4Gi' }).build()], 37],
    // 100m / 200Mi defaults: cpu 3900*100/4000 = 97 (97.5), memory (8192-200)*100/8192 = 97 (97.56) → 97
    ['a pod with no requests counts as 100m / 200Mi', makePod().build(), [], 97],
    ['over-committed resources score 0', makePod().requests({ cpu: '5', memory: '16Gi' }).build(), [], 0],
  ])('%s → %i', (_name, pod, pods, expected) => {
    expect(leastAllocated.score(pod, newNodeInfo(node, pods))).toBe(expected);
  });

  it.each([
    [0, 100, 100],
    [50, 100, 50],
    [1, 3, 66],
    [101, 100, 0],
    [0, 0, 0],
  ])('leastRequestedScore(%i, %i) = %i', (req, cap, expected) => expect(leastRequestedScore(req, cap)).toBe(expected));

  it('is NodeResourcesFit with weight 1', () => expect([leastAllocated.name, leastAllocated.weight]).toEqual(['NodeResourcesFit', 1]));
});

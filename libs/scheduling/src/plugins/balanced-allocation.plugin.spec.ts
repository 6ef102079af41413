import { Pod } from '@kubesim/api';
import { newNodeInfo } from '../framework';
import { makeNode, makePod } from '../testing/builders';
import { balancedAllocation, balancedResourceScore } from './balanced-allocation.plugin';

const node = makeNode('n1').capacity({ cpu: '4', memory: '8Gi' }).build();

describe('NodeResourcesBalancedAllocation', () => {
  it.each<[string, Pod, Pod[], number]>([
    ['same cpu and memory fraction', makePod().requests({ cpu: '1', memory: '2Gi' }).build(), [], 100],
    // fractions 0.5 and 0 → std 0.25 → 75
    ['cpu only', makePod().requests({ cpu: '2' }).build(), [], 75],
    // cpu (1+1)/4 = 0.5, memory (0+6)/8 = 0.75 → std 0.125 → 87
    ['counts pods already on the node', makePod().requests({ cpu: '1' }).build(), [makePod('a').nodeName('n1').requests({ cpu: '1', memory: '6Gi' }).build()], 87],
    ['fractions are capped at 1', makePod().requests({ cpu: '8', memory: '0' }).build(), [], 50],
    ['a best-effort pod is not scored', makePod().build(), [], 0],
  ])('%s → %i', (_name, pod, pods, expected) => {
    expect(balancedAllocation.score(pod, newNodeInfo(node, pods))).toBe(expected);
  });

  it.each<[number[], number[], number]>([
    [[1, 1], [2, 2], 100],
    [[1, 3], [4, 4], 75],
    [[1, 0], [4, 0], 100],
    [[1, 1, 4], [4, 4, 4], 64],
  ])('balancedResourceScore(%j, %j) = %i', (req, alloc, expected) => {
    expect(balancedResourceScore(req, alloc)).toBe(expected);
  });
});

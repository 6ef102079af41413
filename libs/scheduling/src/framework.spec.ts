import { buildNodeInfos, newNodeInfo } from './framework';
import { makeNode, makePod } from './testing/builders';

describe('NodeInfo', () => {
  const node = makeNode('n1').capacity({ cpu: '2', memory: '4Gi', pods: '10' }).build();

  it('sums real and scoring requests of the pods on the node', () => {
    const ni = newNodeInfo(node, [
      makePod('a').nodeName('n1').requests({ cpu: '500m', memory: '1Gi' }).build(),
      makePod('b').nodeName('n1').build(),
    ]);
    expect(ni.requested).toEqual({ milliCpu: 500, memory: 1024 ** 3, pods: 2, scalar: {} });
    expect(ni.nonZeroRequested).toEqual({ milliCpu: 600, memory: 1024 ** 3 + 200 * 1024 ** 2, pods: 2, scalar: {} });
    expect(ni.allocatable).toEqual({ milliCpu: 2000, memory: 4 * 1024 ** 3, pods: 10, scalar: {} });
  });

  it.each(['Succeeded', 'Failed'] as const)('ignores %s pods, which hold no resources', (phase) => {
    const ni = newNodeInfo(node, [makePod('done').nodeName('n1').requests({ cpu: '1' }).phase(phase).build()]);
    expect(ni.pods).toHaveLength(0);
    expect(ni.requested).toEqual({ milliCpu: 0, memory: 0, pods: 0, scalar: {} });
  });

  it('buildNodeInfos groups pods by spec.nodeName and skips unbound pods', () => {
    const infos = buildNodeInfos(
      [node, makeNode('n2').build()],
      [makePod('a').nodeName('n2').build(), makePod('pending').build(), makePod('b').nodeName('n2').build()],
    );
    expect(infos.map((i) => [i.node.metadata.name, i.pods.length])).toEqual([
      ['n1', 0],
      ['n2', 2],
    ]);
  });
});

import { Pod } from '@kubesim/api';
import { Code, newNodeInfo } from '../framework';
import { makeNode, makePod } from '../testing/builders';
import { ERR_REASON_NODE_NAME, nodeName } from './node-name.plugin';

describe('NodeName', () => {
  it.each<[string, Pod, Code]>([
    ['no nodeName', makePod().build(), 'Success'],
    ['nodeName of this node', makePod().nodeName('n1').build(), 'Success'],
    ['nodeName of another node', makePod().nodeName('n2').build(), 'UnschedulableAndUnresolvable'],
  ])('%s → %s', (_name, pod, code) => {
    const r = nodeName.filter(pod, newNodeInfo(makeNode('n1').build()));
    expect(r.code).toBe(code);
    expect(r.reasons).toEqual(code === 'Success' ? [] : [ERR_REASON_NODE_NAME]);
  });

  it('has the upstream reason', () => expect(ERR_REASON_NODE_NAME).toBe("node(s) didn't match the requested node name"));
});

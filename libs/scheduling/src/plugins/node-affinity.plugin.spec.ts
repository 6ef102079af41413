import { Pod } from '@kubesim/api';
import { Code, newNodeInfo } from '../framework';
import { makeNode, makePod } from '../testing/builders';
import { ERR_REASON_NODE_AFFINITY, nodeAffinity } from './node-affinity.plugin';

const node = makeNode('n1').labels({ zone: 'a', disk: 'ssd' }).build();

describe('NodeAffinity filter', () => {
  it.each<[string, Pod, Code]>([
    ['no selector or affinity', makePod().build(), 'Success'],
    ['nodeSelector matches', makePod().nodeSelector({ zone: 'a' }).build(), 'Success'],
    ['nodeSelector needs every label', makePod().nodeSelector({ zone: 'a', disk: 'hdd' }).build(), 'UnschedulableAndUnresolvable'],
    ['nodeSelector on a missing label', makePod().nodeSelector({ gpu: 'true' }).build(), 'UnschedulableAndUnresolvable'],
    ['required affinity In', makePod().nodeAffinity('zone', 'In', ['a', 'b']).build(), 'Success'],
    ['required affinity NotIn', makePod().nodeAffinity('zone', 'NotIn', ['a']).build(), 'UnschedulableAndUnresolvable'],
    ['terms are ORed', makePod().nodeAffinity('zone', 'In', ['b']).nodeAffinity('disk', 'Exists').build(), 'Success'],
    [
      'nodeSelector AND affinity',
      makePod().nodeSelector({ zone: 'a' }).nodeAffinity('disk', 'DoesNotExist').build(),
      'UnschedulableAndUnresolvable',
    ],
    [
      'matchFields metadata.name (DaemonSet style)',
      makePod().nodeAffinityTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }).build(),
      'Success',
    ],
    [
      'matchFields on another node',
      makePod().nodeAffinityTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }).build(),
      'UnschedulableAndUnresolvable',
    ],
  ])('%s → %s', (_name, pod, code) => {
    const r = nodeAffinity.filter(pod, newNodeInfo(node));
    expect(r.code).toBe(code);
    expect(r.reasons).toEqual(code === 'Success' ? [] : [ERR_REASON_NODE_AFFINITY]);
  });

  it('has the upstream reason', () => expect(ERR_REASON_NODE_AFFINITY).toBe("node(s) didn't match Pod's node affinity/selector"));
});

import { Node, Pod } from '@kubesim/api';
import { FilterResult, newNodeInfo } from '../framework';
import { makeNode, makePod } from '../testing/builders';
import { ERR_REASON_UNSCHEDULABLE, nodeUnschedulable } from './node-unschedulable.plugin';

const cordoned = makeNode().unschedulable().build();

describe('NodeUnschedulable', () => {
  it.each<[string, Pod, Node, FilterResult]>([
    ['schedulable node', makePod().build(), makeNode().build(), { code: 'Success', reasons: [] }],
    ['cordoned node', makePod().build(), cordoned, { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_UNSCHEDULABLE] }],
    [
      'cordoned node, pod tolerates the unschedulable taint',
      makePod().toleration({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }).build(),
      cordoned,
      { code: 'Success', reasons: [] },
    ],
    [
      'cordoned node, pod tolerates everything',
      makePod().toleration({ operator: 'Exists' }).build(),
      cordoned,
      { code: 'Success', reasons: [] },
    ],
    [
      'cordoned node, toleration for NoExecute only',
      makePod().toleration({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }).build(),
      cordoned,
      { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_UNSCHEDULABLE] },
    ],
  ])('%s', (_name, pod, node, expected) => {
    expect(nodeUnschedulable.filter(pod, newNodeInfo(node))).toEqual(expected);
  });

  it('says "node(s) were unschedulable"', () => expect(ERR_REASON_UNSCHEDULABLE).toBe('node(s) were unschedulable'));
});

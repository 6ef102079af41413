import { Node, Pod } from '@kubesim/api';
import { FilterResult, newNodeInfo } from '../framework';
import { makeNode, makePod } from '../testing/builders';
import { taintToleration } from './taint-toleration.plugin';

const ok: FilterResult = { code: 'Success', reasons: [] };
const rejected = (reason: string): FilterResult => ({ code: 'UnschedulableAndUnresolvable', reasons: [reason] });
const gpu = makeNode().taint('dedicated', 'gpu').build();

describe('TaintToleration filter', () => {
  it.each<[string, Pod, Node, FilterResult]>([
    ['untainted node', makePod().build(), makeNode().build(), ok],
    ['NoSchedule taint not tolerated', makePod().build(), gpu, rejected('node(s) had untolerated taint {dedicated: gpu}')],
    [
      'NoExecute taint not tolerated',
      makePod().build(),
      makeNode().taint('node.kubernetes.io/unreachable', undefined, 'NoExecute').build(),
      rejected('node(s) had untolerated taint {node.kubernetes.io/unreachable: }'),
    ],
    ['PreferNoSchedule is only a preference', makePod().build(), makeNode().taint('soft', 'x', 'PreferNoSchedule').build(), ok],
    ['tolerated with Equal', makePod().toleration({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }).build(), gpu, ok],
    ['tolerated with Exists', makePod().toleration({ key: 'dedicated', operator: 'Exists' }).build(), gpu, ok],
    ['wrong value', makePod().toleration({ key: 'dedicated', value: 'cpu' }).build(), gpu, rejected('node(s) had untolerated taint {dedicated: gpu}')],
    [
      'reports the first untolerated taint',
      makePod().toleration({ key: 'a', operator: 'Exists' }).build(),
      makeNode().taint('a', '1').taint('b', '2', 'NoExecute').taint('c', '3').build(),
      rejected('node(s) had untolerated taint {b: 2}'),
    ],
  ])('%s', (_name, pod, node, expected) => {
    expect(taintToleration.filter(pod, newNodeInfo(node))).toEqual(expected);
  });
});

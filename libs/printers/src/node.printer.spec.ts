import type { Node } from '@kubesim/api';
import { nodeRoles, nodeRow, nodeStatus } from './node.printer';
import { makeNode, NOW } from './printers.builders.spec-helpers';

describe('node STATUS (kubectl get nodes)', () => {
  it.each<[string, string, Node]>([
    ['Ready condition True', 'Ready', makeNode().ready('True').build()],
    ['Ready condition False', 'NotReady', makeNode().ready('False').build()],
    ['Ready condition Unknown (kubelet stopped posting status)', 'NotReady', makeNode().ready('Unknown').build()],
    ['no Ready condition at all', 'Unknown', makeNode().build()],
    ['cordoned Ready node', 'Ready,SchedulingDisabled', makeNode().ready('True').unschedulable().build()],
    ['cordoned lost node', 'NotReady,SchedulingDisabled', makeNode().ready('Unknown').unschedulable().build()],
    ['cordoned node without conditions', 'Unknown,SchedulingDisabled', makeNode().unschedulable().build()],
    ['the last Ready condition wins', 'Ready', makeNode().ready('False').ready('True').build()],
  ])('%s → %s', (_name, expected, node) => {
    expect(nodeStatus(node)).toBe(expected);
  });
});

describe('node ROLES', () => {
  it.each<[string, string, Node]>([
    ['no role labels', '<none>', makeNode().label('kubernetes.io/hostname', 'node-1').build()],
    ['one role label', 'control-plane', makeNode().label('node-role.kubernetes.io/control-plane').build()],
    [
      'several roles, sorted and comma-joined',
      'control-plane,infra,worker',
      makeNode().label('node-role.kubernetes.io/worker').label('node-role.kubernetes.io/control-plane').label('node-role.kubernetes.io/infra', 'true').build(),
    ],
    ['legacy kubernetes.io/role label value', 'master', makeNode().label('kubernetes.io/role', 'master').build()],
    ['bare prefix with no role name is ignored', '<none>', makeNode().label('node-role.kubernetes.io/').build()],
    ['a role given both ways is listed once', 'master', makeNode().label('node-role.kubernetes.io/master').label('kubernetes.io/role', 'master').build()],
  ])('%s → %s', (_name, expected, node) => {
    expect(nodeRoles(node)).toBe(expected);
  });
});

describe('nodeRow', () => {
  const node = makeNode('node-1').ready('True').createdSecondsAgo(2 * 86400 + 5 * 3600).address('InternalIP', '172.18.0.2').build();

  it('prints NAME STATUS ROLES AGE VERSION', () => {
    expect(nodeRow(node, NOW)).toEqual(['node-1', 'Ready', '<none>', '2d5h', 'v1.32.0']);
  });

  it('adds INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME with -o wide', () => {
    expect(nodeRow(node, NOW, true).slice(5)).toEqual(['172.18.0.2', '<none>', 'kubesim', '6.1.0', 'containerd://1.7.24']);
  });

  it('shows <unknown> for node info the kubelet has not reported', () => {
    const bare = makeNode().nodeInfo({ osImage: '', kernelVersion: '', containerRuntimeVersion: '' }).build();
    expect(nodeRow(bare, NOW, true).slice(7)).toEqual(['<unknown>', '<unknown>', '<unknown>']);
  });
});

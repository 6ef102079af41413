import type { Node } from '@kubesim/api';
import { aNode, given, nodeCondition, nodeRegistered } from '@kubesim/testing';
import { SCHEMA_VERSION } from './events';
import { getNode } from './view';

const withCidr = (name: string, podCIDR: string): Node => aNode(name, { podCIDR, podCIDRs: [podCIDR] });

describe('RegisterNode', () => {
  it('gives the first node the first /24 of 10.244.0.0/16', () => {
    given()
      .when({ type: 'RegisterNode', node: aNode('node-1') })
      .then([{ type: 'NodeRegistered', node: { metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] } } }]);
  });

  it('gives the next node the next free /24', () => {
    given(nodeRegistered(withCidr('node-1', '10.244.0.0/24')))
      .when({ type: 'RegisterNode', node: aNode('node-2') })
      .then([{ type: 'NodeRegistered', node: { spec: { podCIDR: '10.244.1.0/24' } } }]);
  });

  it('fills a gap left by a node that is gone', () => {
    given(nodeRegistered(withCidr('node-1', '10.244.0.0/24')), nodeRegistered(withCidr('node-3', '10.244.2.0/24')))
      .when({ type: 'RegisterNode', node: aNode('node-4') })
      .then([{ type: 'NodeRegistered', node: { spec: { podCIDR: '10.244.1.0/24' } } }]);
  });

  it('a returning kubelet only reports its status: the node keeps its pod CIDR, taints and cordon', () => {
    const spec = given(nodeRegistered(aNode('node-1', { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], unschedulable: true })));
    const comeback = aNode('node-1');
    const events = spec.when({ type: 'RegisterNode', node: comeback }).then([{ type: 'NodeStatusReported', name: 'node-1', status: comeback.status }]);

    spec.store.apply(2, { v: SCHEMA_VERSION, events });
    expect(getNode(spec.store, 'node-1')?.spec).toEqual({ podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], unschedulable: true });
  });
});

describe('SetNodeCondition', () => {
  const registered = nodeRegistered(withCidr('node-1', '10.244.0.0/24'));
  const ready = (status: 'True' | 'False' | 'Unknown', reason: string, message: string, at: string) =>
    ({ type: 'SetNodeCondition', name: 'node-1', condition: nodeCondition('Ready', status, reason, message, at) }) as const;

  it('records nothing when only the heartbeat moved: heartbeats stay out of the log', () => {
    given(registered).when(ready('True', 'KubeletReady', 'kubelet is posting ready status', '2024-05-01T10:00:00Z')).then([]);
  });

  it('keeps lastTransitionTime when only the reason and message change', () => {
    given(registered)
      .when(ready('True', 'KubeletReady', 'kubelet is posting ready status again', '2024-05-01T10:00:00Z'))
      .then([
        {
          type: 'NodeConditionChanged',
          name: 'node-1',
          condition: { status: 'True', message: 'kubelet is posting ready status again', lastTransitionTime: '2024-05-01T09:00:00Z' },
        },
      ]);
  });

  it('takes the new lastTransitionTime when the status changes', () => {
    given(registered)
      .when(ready('Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2024-05-01T10:00:00Z'))
      .then([{ type: 'NodeConditionChanged', condition: { status: 'Unknown', reason: 'NodeStatusUnknown', lastTransitionTime: '2024-05-01T10:00:00Z' } }]);
  });

  it('refuses a node that does not exist: NotFound', () => {
    given().when(ready('True', 'KubeletReady', '', '2024-05-01T10:00:00Z')).thenThrows('NotFound', 'nodes "node-1" not found');
  });
});

describe('UpdateNodeSpec', () => {
  const registered = nodeRegistered(withCidr('node-1', '10.244.0.0/24'));

  it('cordons a node but never changes its pod CIDR', () => {
    given(registered)
      .when({ type: 'UpdateNodeSpec', name: 'node-1', spec: { unschedulable: true, podCIDR: '10.244.9.0/24' } })
      .then([{ type: 'NodeSpecChanged', spec: { unschedulable: true, podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] } }]);
  });

  it('records nothing when the spec is unchanged', () => {
    given(registered).when({ type: 'UpdateNodeSpec', name: 'node-1', spec: {} }).then([]);
  });
});

describe('DeleteNode', () => {
  it('removes the Node; a missing one is NotFound', () => {
    const registered = given(nodeRegistered(aNode('node-1')));
    registered.when({ type: 'DeleteNode', name: 'node-1' }).then([{ type: 'NodeDeleted', name: 'node-1' }]);
    registered.when({ type: 'DeleteNode', name: 'node-9' }).thenThrows('NotFound', 'nodes "node-9" not found');
  });
});

import type { PodStatus } from '@kubesim/api';
import { aNode, aPod, given, SPEC_CONTEXT, namespaceCreated, nodeRegistered, podBound, podCreated, podStatusReported } from '@kubesim/testing';
import type { Command } from './commands';
import { decide } from './decide';

const running: PodStatus = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T09:00:00Z' }],
};
const onNode2 = [namespaceCreated(), podCreated(aPod('x')), podBound('x', 'node-2'), podStatusReported('x', running)];
const lost = (policy: 'legacy' | 'modern'): Command => ({ type: 'MarkPodNodeLost', namespace: 'default', name: 'x', node: 'node-2', policy });
const notReady = { type: 'Ready', status: 'False', lastTransitionTime: '2024-05-01T10:00:00Z' };

describe('MarkPodNodeLost', () => {
  it('legacy: phase Unknown, reason NodeLost with the message kubectl describe shows, Ready=False, a phase change with its cause', () => {
    given(...onNode2)
      .when(lost('legacy'), { cause: 'node-2 lease expired (last renewed 52s ago)' })
      .then([
        {
          type: 'PodStatusReported',
          name: 'x',
          status: { phase: 'Unknown', reason: 'NodeLost', message: 'Node node-2 which was running pod x is unresponsive', conditions: [notReady] },
        },
        { type: 'PodPhaseChanged', name: 'x', from: 'Running', to: 'Unknown', reason: 'node-2 lease expired (last renewed 52s ago)', node: 'node-2' },
      ]);
  });

  it('modern: only Ready=False, the phase stays (upstream since 1.19)', () => {
    given(...onNode2)
      .when(lost('modern'))
      .then([{ type: 'PodConditionSet', name: 'x', condition: notReady }]);
  });

  it.each(['legacy', 'modern'] as const)('%s: nothing twice', (policy) => {
    const spec = given(...onNode2);
    const first = decide(lost(policy), spec.store, SPEC_CONTEXT);
    expect(first.length).toBeGreaterThan(0);
    spec.store.apply(5, { v: 1, events: first });
    spec.when(lost(policy)).then([]);
  });

  it('leaves a finished pod alone', () => {
    given(namespaceCreated(), podCreated(aPod('x')), podBound('x', 'node-2'), podStatusReported('x', { phase: 'Succeeded' }))
      .when(lost('legacy'))
      .then([]);
  });

  it('refuses a pod that is not on that node', () => {
    given(...onNode2)
      .when({ ...lost('legacy'), node: 'node-1' } as Command)
      .thenThrows('Conflict', /not assigned to node "node-1"/);
  });
});

describe('SetPodCondition', () => {
  const disruption = { type: 'DisruptionTarget', status: 'True' as const, lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };

  it('sets it once', () => {
    const spec = given(...onNode2);
    const events = spec.when({ type: 'SetPodCondition', namespace: 'default', name: 'x', condition: disruption }).then([{ type: 'PodConditionSet', condition: disruption }]);
    spec.store.apply(5, { v: 1, events });
    spec.when({ type: 'SetPodCondition', namespace: 'default', name: 'x', condition: disruption }).then([]);
  });

  it('404 for a pod that is gone', () => {
    given(namespaceCreated())
      .when({ type: 'SetPodCondition', namespace: 'default', name: 'x', condition: disruption })
      .thenThrows('NotFound', 'pods "x" not found');
  });
});

describe('TaintNode / UntaintNode / SetNodeUnschedulable', () => {
  const unreachable = [
    { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const, timeAdded: '2024-05-01T10:00:00Z' },
    { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' as const },
  ];
  const dedicated = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };

  it('adds the taints the node lacks, keeping the others', () => {
    given(nodeRegistered(aNode('node-2', { taints: [dedicated] })))
      .when({ type: 'TaintNode', name: 'node-2', taints: unreachable })
      .then([{ type: 'NodeSpecChanged', name: 'node-2', spec: { taints: [dedicated, ...unreachable] } }]);
  });

  it('a taint with the same key and effect is already there', () => {
    given(nodeRegistered(aNode('node-2', { taints: unreachable })))
      .when({ type: 'TaintNode', name: 'node-2', taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] })
      .then([]);
  });

  it('removes by key and effect, keeps a cordon', () => {
    given(nodeRegistered(aNode('node-2', { unschedulable: true, taints: [dedicated, ...unreachable] })))
      .when({ type: 'UntaintNode', name: 'node-2', taints: unreachable })
      .then([{ type: 'NodeSpecChanged', spec: { unschedulable: true, taints: [dedicated] } }]);
  });

  it('untainting an untainted node is nothing', () => {
    given(nodeRegistered(aNode('node-2'))).when({ type: 'UntaintNode', name: 'node-2', taints: unreachable }).then([]);
  });

  it('cordon keeps the taints; uncordon drops the field', () => {
    const spec = given(nodeRegistered(aNode('node-2', { taints: [dedicated] })));
    const events = spec.when({ type: 'SetNodeUnschedulable', name: 'node-2', unschedulable: true }).then([{ type: 'NodeSpecChanged', spec: { unschedulable: true, taints: [dedicated] } }]);
    spec.store.apply(2, { v: 1, events });
    spec.when({ type: 'SetNodeUnschedulable', name: 'node-2', unschedulable: true }).then([]);
    const [un] = spec.when({ type: 'SetNodeUnschedulable', name: 'node-2', unschedulable: false }).then([{ type: 'NodeSpecChanged' }]);
    expect(un.type === 'NodeSpecChanged' && 'unschedulable' in un.spec).toBe(false);
  });

  it('404 for an unknown node', () => {
    given().when({ type: 'TaintNode', name: 'node-9', taints: unreachable }).thenThrows('NotFound', 'nodes "node-9" not found');
  });
});

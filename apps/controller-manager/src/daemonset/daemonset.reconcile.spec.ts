import { DAEMON_TOLERATIONS, reconcileDaemonSet, shouldRun } from './daemonset.reconcile';
import { aDaemonSet, aNodeNamed, aPodWith, ctx } from '../shared/workload.fixtures';

const ds = aDaemonSet('fluentd');

describe('DaemonSet controller', () => {
  it('creates one pod per eligible node, pinned by node affinity and with the automatic tolerations', () => {
    const actions = reconcileDaemonSet(ds, [aNodeNamed('node-1'), aNodeNamed('node-2')], [], ctx);
    const creates = actions.filter((a) => a.type === 'create') as { pod: Record<string, any>; node: string }[];
    expect(creates.map((a) => a.node)).toEqual(['node-1', 'node-2']);
    expect(creates[0].pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }]);
    expect(creates[0].pod.spec.tolerations).toEqual(expect.arrayContaining(DAEMON_TOLERATIONS));
    expect(creates[0].pod.spec.nodeName).toBeUndefined();
  });

  it.each([
    ['a cordoned node', aNodeNamed('n', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), true],
    ['an unreachable node', aNodeNamed('n', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }), true],
    ['a node with a taint it does not tolerate', aNodeNamed('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), false],
    ['a node without the nodeSelector label', aNodeNamed('n'), false],
  ])('on %s: runs = %s', (_case, node, runs) => {
    const d = _case.includes('nodeSelector') ? aDaemonSet('x', { disktype: 'ssd' }) : ds;
    expect(shouldRun(d, node)).toBe(runs);
  });

  it('a node added later gets its pod; a node that goes away loses it', () => {
    const owner = { kind: 'DaemonSet', name: 'fluentd', uid: ds.metadata.uid };
    const onOld = aPodWith('fluentd-old', { labels: { app: 'fluentd' }, owner, node: 'node-gone', ready: true });
    const actions = reconcileDaemonSet(ds, [aNodeNamed('node-3')], [onOld], ctx);
    expect(actions.filter((a) => a.type === 'create').map((a) => (a as { node: string }).node)).toEqual(['node-3']);
    expect(actions.filter((a) => a.type === 'delete').map((a) => (a as { pod: { metadata: { name: string } } }).pod.metadata.name)).toEqual(['fluentd-old']);
  });
});

import { Node, Pod } from '@kubesim/api';
import { FilterPlugin, newNodeInfo, NodeInfo, Profile, status } from './framework';
import { defaultProfile } from './registry';
import { schedulePod } from './schedule-one';
import { makeNode, makePod } from './testing/builders';

const small = (name: string) => makeNode(name).capacity({ cpu: '2', memory: '4Gi' }).build();
const infos = (...nodes: Node[]): NodeInfo[] => nodes.map((n) => newNodeInfo(n));
const never = () => {
  throw new Error('rand should not be needed');
};

describe('schedulePod: FailedScheduling message', () => {
  const big = makePod().requests({ cpu: '3', memory: '1Gi' }).build();

  it.each<[string, Pod, NodeInfo[], string]>([
    ['no nodes at all', big, [], 'no nodes available to schedule pods'],
    [
      'three nodes short of cpu',
      big,
      infos(small('n1'), small('n2'), small('n3')),
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    ],
    [
      'cpu and memory from the same nodes',
      makePod().requests({ cpu: '3', memory: '5Gi' }).build(),
      infos(small('n1'), small('n2')),
      '0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    ],
    [
      'taint, cordon and memory, sorted on the whole string',
      makePod().requests({ memory: '5Gi' }).build(),
      infos(
        small('n1'),
        small('n2'),
        small('n3'),
        makeNode('gpu').taint('dedicated', 'gpu').build(),
        makeNode('cordoned').unschedulable().build(),
      ),
      '0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 3 Insufficient memory. ' +
        'preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    ],
    [
      'affinity and node name',
      makePod().nodeName('n1').nodeSelector({ disk: 'ssd' }).build(),
      infos(makeNode('n1').build(), makeNode('n2').labels({ disk: 'ssd' }).build(), makeNode('n3').build()),
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't match the requested node name. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ],
    [
      'a node reports only the first failing filter',
      big,
      infos(makeNode('n1').capacity({ cpu: '1' }).taint('dedicated', 'gpu').build()),
      '0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. ' +
        'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    ],
    [
      'a host port taken on the only node',
      makePod().hostPort(80).build(),
      [newNodeInfo(small('n1'), [makePod('a').hostPort(80).nodeName('n1').build()])],
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. " +
        'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    ],
    [
      'an extended resource nobody advertises',
      makePod().requests({ 'example.com/foo': '1' }).build(),
      infos(small('n1'), makeNode('n2').capacity({ 'example.com/foo': '1' }).taint('dedicated', 'foo').build()),
      '0/2 nodes are available: 1 Insufficient example.com/foo, 1 node(s) had untolerated taint {dedicated: foo}. ' +
        'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    ],
    [
      'topology spread: skew (fewer zones than minDomains) and a missing label',
      makePod().labels({ app: 'web' }).spread('zone', 1, { app: 'web' }, { minDomains: 3 }).build(),
      [
        newNodeInfo(makeNode('a1').labels({ zone: 'a' }).build(), [makePod('w1').labels({ app: 'web' }).nodeName('a1').build()]),
        newNodeInfo(makeNode('b1').labels({ zone: 'b' }).build(), [makePod('w2').labels({ app: 'web' }).nodeName('b1').build()]),
        newNodeInfo(makeNode('bare').build()),
      ],
      "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), " +
        "2 node(s) didn't match pod topology spread constraints. " +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ],
    [
      'anti-affinity of the pod and of an existing pod',
      makePod().labels({ app: 'web' }).podAntiAffinity('kubernetes.io/hostname', { app: 'web' }).build(),
      [
        newNodeInfo(small('n1'), [makePod('w1').labels({ app: 'web' }).nodeName('n1').build()]),
        newNodeInfo(small('n2'), [makePod('loner').podAntiAffinity('kubernetes.io/hostname', { app: 'web' }).nodeName('n2').build()]),
      ],
      "0/2 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 1 node(s) didn't satisfy existing pods anti-affinity rules. " +
        'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    ],
    [
      'pod affinity nothing satisfies',
      makePod().podAffinity('kubernetes.io/hostname', { app: 'cache' }).build(),
      infos(small('n1'), small('n2')),
      "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. " +
        'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    ],
  ])('%s', (_name, pod, nodeInfos, message) => {
    const r = schedulePod(pod, nodeInfos, defaultProfile, never);
    expect(r).toMatchObject({ kind: 'Unschedulable', message });
  });

  it('reports node statuses and the rejecting plugins', () => {
    const r = schedulePod(
      makePod().requests({ cpu: '3' }).build(),
      infos(small('n1'), makeNode('n2').unschedulable().build()),
      defaultProfile,
      never,
    );
    expect(r).toMatchObject({
      kind: 'Unschedulable',
      numAllNodes: 2,
      unschedulablePlugins: ['NodeResourcesFit', 'NodeUnschedulable'],
      nodeStatuses: [
        { node: 'n1', plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] },
        { node: 'n2', plugin: 'NodeUnschedulable', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] },
      ],
    });
  });
});

describe('schedulePod: picking a node', () => {
  const pod = makePod().requests({ cpu: '1', memory: '1Gi' }).build();

  it('picks the only feasible node', () => {
    const r = schedulePod(pod, infos(small('n1'), makeNode('n2').unschedulable().build()), defaultProfile, never);
    expect(r).toMatchObject({ kind: 'Scheduled', node: 'n1' });
  });

  it('prefers the emptier node', () => {
    const busy = newNodeInfo(small('busy'), [makePod('x').nodeName('busy').requests({ cpu: '1', memory: '2Gi' }).build()]);
    const r = schedulePod(pod, [busy, newNodeInfo(small('idle'))], defaultProfile, never);
    expect(r.kind === 'Scheduled' && r.node).toBe('idle');
    expect(r.kind === 'Scheduled' && r.scores.map((s) => [s.node, s.total])).toEqual([
      // LeastAllocated (cpu 0, memory 25 → 12) + BalancedAllocation (fractions 1 and 0.75 → 87)
      ['busy', 12 + 87],
      // LeastAllocated (cpu 50, memory 75 → 62) + BalancedAllocation (0.5 and 0.25 → 87)
      ['idle', 62 + 87],
    ]);
  });

  it.each([
    [0, 'n1'],
    [0.5, 'n2'],
    [0.999, 'n3'],
  ])('breaks ties with rand() = %d → %s', (x, node) => {
    const r = schedulePod(pod, infos(small('n1'), small('n2'), small('n3')), defaultProfile, () => x);
    expect(r).toMatchObject({ kind: 'Scheduled', node });
  });

  it('a plugin Error aborts the cycle', () => {
    const broken = { name: 'Broken', filter: () => status('Error', 'boom') } satisfies FilterPlugin;
    const profile: Profile = { filters: [broken], scores: [] };
    expect(schedulePod(pod, infos(small('n1')), profile, never)).toEqual({
      kind: 'Error',
      message: 'running "Broken" filter plugin: boom',
    });
  });
});

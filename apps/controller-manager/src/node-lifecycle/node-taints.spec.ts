import type { Node } from '@kubesim/api';
import { aNode } from '@kubesim/testing';
import { conditionTaintChanges, readyStatus, splitRateLimited } from './node-taints';

const NOW = Date.parse('2024-05-01T10:00:00Z');
const unreachableExec = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const, timeAdded: '2024-05-01T10:00:00Z' };
const unreachableSched = { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' as const };
const notReadyExec = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' as const };
const dedicated = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };
const tainted = (...taints: Node['spec']['taints'] & object) => aNode('node-2', { taints });

describe('conditionTaintChanges', () => {
  it.each([
    ['Unknown on a clean node: both unreachable taints, NoExecute with timeAdded', aNode('node-2'), 'Unknown', { add: [unreachableExec, unreachableSched], remove: [] }],
    ['Unknown, already tainted: nothing', tainted(dedicated, unreachableExec, unreachableSched), 'Unknown', { add: [], remove: [] }],
    ['True again: the unreachable taints go, the user’s stay', tainted(dedicated, unreachableExec, unreachableSched), 'True', { add: [], remove: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }] }],
    ['False swaps unreachable for not-ready', tainted(unreachableExec), 'False', { add: [{ ...notReadyExec, timeAdded: '2024-05-01T10:00:00Z' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }], remove: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }],
    ['True on a healthy node: nothing', tainted(dedicated), 'True', { add: [], remove: [] }],
  ] as const)('%s', (_name, node, ready, expected) => {
    expect(conditionTaintChanges(node, ready, NOW)).toEqual(expected);
  });
});

describe('readyStatus', () => {
  it('is the Ready condition, Unknown without one', () => {
    expect(readyStatus(aNode('n'))).toBe('True');
    expect(readyStatus({ ...aNode('n'), status: { ...aNode('n').status, conditions: [] } })).toBe('Unknown');
  });
});

describe('splitRateLimited', () => {
  it('a new NoExecute taint waits for the rate limiter; its NoSchedule twin goes at once', () => {
    expect(splitRateLimited(conditionTaintChanges(aNode('node-2'), 'Unknown', NOW))).toEqual({ now: { add: [unreachableSched], remove: [] }, limited: unreachableExec });
  });

  it('swapping unreachable for not-ready is not rate limited', () => {
    const changes = conditionTaintChanges(tainted(unreachableExec), 'False', NOW);
    expect(splitRateLimited(changes)).toEqual({ now: changes });
  });

  it('removals go at once', () => {
    const changes = conditionTaintChanges(tainted(unreachableExec, unreachableSched), 'True', NOW);
    expect(splitRateLimited(changes)).toEqual({ now: changes });
  });
});

import type { Node } from '@kubesim/api';
import { aNode, nodeCondition } from '@kubesim/testing';
import { staleConditions } from './node-health';

/** Node-lifecycle controller defaults (semantics §9.2): 50 s monitor grace, 60 s startup grace. */
const timings = { gracePeriodMs: 50_000, startupGracePeriodMs: 60_000 };
const NOW = Date.parse('2024-05-01T10:00:00Z');
const ago = (seconds: number) => NOW - seconds * 1000;
const LONG_AGO = ago(3600);
const PRESSURES = ['DiskPressure', 'MemoryPressure', 'PIDPressure'];

const byType = (conditions: { type: string }[]) => conditions.map((c) => c.type).sort();

describe('staleConditions: a node whose lease was renewed before', () => {
  const node = aNode('node-1');

  it.each([10, 49, 50])('nothing while the lease is %s s old (grace 50 s)', (age) => {
    expect(staleConditions(node, ago(age), LONG_AGO, NOW, timings)).toEqual([]);
  });

  it('past 50 s: Ready and the three pressures go Unknown, NodeStatusUnknown', () => {
    const stale = staleConditions(node, ago(51), LONG_AGO, NOW, timings);

    expect(byType(stale)).toEqual(['DiskPressure', 'MemoryPressure', 'PIDPressure', 'Ready']);
    for (const c of stale) {
      expect(c).toEqual({
        type: c.type,
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastTransitionTime: '2024-05-01T10:00:00Z',
        lastHeartbeatTime: '2024-05-01T09:00:00Z',
      });
    }
  });

  it('does not repeat a condition that is already Unknown', () => {
    const [memory, disk, pid] = node.status.conditions;
    const readyUnknown: Node = {
      ...node,
      status: { ...node.status, conditions: [memory, disk, pid, nodeCondition('Ready', 'Unknown', 'NodeStatusUnknown')] },
    };
    expect(byType(staleConditions(readyUnknown, ago(120), LONG_AGO, NOW, timings))).toEqual(PRESSURES);
  });

  it('says nothing once every condition is Unknown', () => {
    const allUnknown: Node = {
      ...node,
      status: { ...node.status, conditions: [...PRESSURES, 'Ready'].map((t) => nodeCondition(t, 'Unknown', 'NodeStatusUnknown')) },
    };
    expect(staleConditions(allUnknown, ago(120), LONG_AGO, NOW, timings)).toEqual([]);
  });
});

describe('staleConditions: a node whose lease this controller never saw', () => {
  const node = aNode('node-1'); // created at 09:00

  it('nothing within the 60 s startup grace after the controller started', () => {
    expect(staleConditions(node, undefined, ago(60), NOW, timings)).toEqual([]);
  });

  it('past it: Unknown with NodeStatusNeverUpdated', () => {
    const stale = staleConditions(node, undefined, ago(61), NOW, timings);

    expect(byType(stale)).toEqual(['DiskPressure', 'MemoryPressure', 'PIDPressure', 'Ready']);
    expect(stale.map((c) => `${c.status} ${c.reason}: ${c.message}`)).toEqual(Array(4).fill('Unknown NodeStatusNeverUpdated: Kubelet never posted node status.'));
  });

  it('a node registered after the controller started gets its own startup grace, counted from its creation', () => {
    const late: Node = { ...node, metadata: { ...node.metadata, creationTimestamp: '2024-05-01T09:59:30Z' } };
    expect(staleConditions(late, undefined, LONG_AGO, NOW, timings)).toEqual([]);
    expect(byType(staleConditions(late, undefined, LONG_AGO, NOW + 31_000, timings))).toEqual(['DiskPressure', 'MemoryPressure', 'PIDPressure', 'Ready']);
  });

  it('adds the conditions a kubelet never posted', () => {
    const bare: Node = { ...node, status: { ...node.status, conditions: [] } };
    expect(staleConditions(bare, undefined, ago(61), NOW, timings)).toContainEqual({
      type: 'Ready',
      status: 'Unknown',
      reason: 'NodeStatusNeverUpdated',
      message: 'Kubelet never posted node status.',
      lastTransitionTime: '2024-05-01T10:00:00Z',
      lastHeartbeatTime: '2024-05-01T10:00:00Z',
    });
  });
});

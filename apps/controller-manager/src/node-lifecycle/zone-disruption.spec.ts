import type { ConditionStatus } from '@kubesim/api';
import {
  computeZoneState,
  DEFAULT_EVICTION_SETTINGS,
  EMPTY_TAINTING_STATE,
  handleDisruption,
  markForTainting,
  markReachable,
  nextTokenAt,
  takeTaintable,
  zoneRate,
  type NodeHealth,
  type TaintingState,
} from './zone-disruption';

const s = DEFAULT_EVICTION_SETTINGS;
const statuses = (ready: number, notReady: number): ConditionStatus[] => [...Array<ConditionStatus>(ready).fill('True'), ...Array<ConditionStatus>(notReady).fill('Unknown')];
const nodes = (zone: string, ready: number, notReady: number): NodeHealth[] =>
  statuses(ready, notReady).map((r, i) => ({ name: `${zone || 'nozone'}-${i}`, zone, ready: r }));

/** Nodes carrying their NoExecute taint, as the controller would see them on the Node objects. */
const taints = new Set<string>();
beforeEach(() => taints.clear());

/** One monitor pass as the controller runs it: untainted not-Ready nodes queued, then the zone states, then the tainting. */
function pass(state: TaintingState, health: NodeHealth[], now: number, settings = s) {
  for (const n of health) {
    if (n.ready === 'True') state = markReachable(state, n.zone, n.name);
    else if (!taints.has(n.name)) state = markForTainting(state, n.zone, n.name, now, settings);
  }
  const d = handleDisruption(state, health, now, settings);
  const t = takeTaintable(d.state, now);
  for (const n of t.nodes) taints.add(n);
  return { state: t.state, tainted: t.nodes, actions: d.actions };
}

describe('computeZoneState (unhealthy-zone-threshold 0.55)', () => {
  it.each<[number, number, string]>([
    [3, 0, 'Normal'],
    [2, 1, 'Normal'],
    [1, 2, 'Normal'], // not more than 2 down: never partial
    [2, 3, 'PartialDisruption'], // 3/5 = 0.6
    [3, 3, 'Normal'], // 0.5
    [0, 1, 'FullDisruption'],
    [0, 4, 'FullDisruption'],
  ])('%i Ready, %i not: %s', (ready, notReady, expected) => {
    expect(computeZoneState(statuses(ready, notReady), 0.55)).toBe(expected);
  });
});

describe('zoneRate', () => {
  it.each<[string, number, number]>([
    ['Normal', 3, 0.1],
    ['FullDisruption', 3, 0.1],
    ['PartialDisruption', 50, 0], // small zone: stop
    ['PartialDisruption', 51, 0.01], // large zone: the secondary rate
  ])('%s with %i nodes: %f/s', (state, size, rate) => {
    expect(zoneRate(state as never, size, s)).toBe(rate);
  });

  it('is scaled by the time scale, like every duration', () => {
    expect(zoneRate('Normal', 3, { ...s, timeScale: 0.1 })).toBeCloseTo(1);
  });
});

describe('NoExecute tainting, rate limited per zone', () => {
  it('one lost node is tainted at once', () => {
    const r = pass(EMPTY_TAINTING_STATE, [...nodes('', 2, 0), { name: 'node-2', zone: '', ready: 'Unknown' }], 0);
    expect(r.tainted).toEqual(['node-2']);
  });

  it('two lost nodes of one zone: the second 10 s after the first (0.1 node/s)', () => {
    const health: NodeHealth[] = [...nodes('a', 8, 0), { name: 'x', zone: 'a', ready: 'Unknown' }, { name: 'y', zone: 'a', ready: 'Unknown' }];
    let r = pass(EMPTY_TAINTING_STATE, health, 0);
    expect(r.tainted).toEqual(['x']);
    expect(nextTokenAt(r.state)).toBe(10_000);
    r = pass(r.state, health, 5_000);
    expect(r.tainted).toEqual([]);
    const t = takeTaintable(r.state, 10_000);
    expect(t.nodes).toEqual(['y']);
    expect(nextTokenAt(t.state)).toBeUndefined();
  });

  it('zones have their own limiters', () => {
    const health: NodeHealth[] = [...nodes('a', 2, 0), ...nodes('b', 2, 0), { name: 'x', zone: 'a', ready: 'Unknown' }, { name: 'y', zone: 'b', ready: 'Unknown' }];
    expect(pass(EMPTY_TAINTING_STATE, health, 0).tainted.sort()).toEqual(['x', 'y']);
  });

  it('a node Ready again leaves the queue', () => {
    const health: NodeHealth[] = [...nodes('a', 8, 0), { name: 'x', zone: 'a', ready: 'Unknown' }, { name: 'y', zone: 'a', ready: 'Unknown' }];
    const first = pass(EMPTY_TAINTING_STATE, health, 0);
    const back = pass(first.state, health.map((n) => (n.name === 'y' ? { ...n, ready: 'True' as const } : n)), 5_000);
    expect(nextTokenAt(back.state)).toBeUndefined();
  });

  it('a small zone mostly down (PartialDisruption) stops tainting', () => {
    const r = pass(EMPTY_TAINTING_STATE, [...nodes('a', 2, 0), ...['x', 'y', 'z'].map((name) => ({ name, zone: 'a', ready: 'Unknown' as const }))], 0);
    expect(r.tainted).toEqual([]);
    expect(r.state.zones.get('a')?.state).toBe('PartialDisruption');
  });

  it('a large zone mostly down keeps the secondary rate (0.01/s: one node per 100 s)', () => {
    const health = nodes('a', 20, 40);
    let r = pass(EMPTY_TAINTING_STATE, health, 0);
    expect(r.state.zones.get('a')?.state).toBe('PartialDisruption');
    expect(r.tainted).toHaveLength(1);
    r = pass(r.state, health, 99_000);
    expect(r.tainted).toHaveLength(0);
    r = pass(r.state, health, 100_000);
    expect(r.tainted).toHaveLength(1);
  });

  it('one zone fully down while another is fine: the normal rate there', () => {
    const r = pass(EMPTY_TAINTING_STATE, [...nodes('a', 0, 2), ...nodes('b', 3, 0)], 0);
    expect(r.state.zones.get('a')?.state).toBe('FullDisruption');
    expect(r.tainted).toEqual(['a-0']);
    expect(r.actions).toEqual([]);
  });

  it('every zone fully down: master disruption, no taint at all; back to normal when a node is Ready again', () => {
    const down = [...nodes('a', 0, 2), ...nodes('b', 0, 1)];
    let r = pass(EMPTY_TAINTING_STATE, down, 0);
    expect(r.actions).toEqual([{ type: 'EnterMasterDisruption' }]);
    expect(r.tainted).toEqual([]);
    r = pass(r.state, down, 60_000);
    expect(r.actions).toEqual([]);
    expect(r.tainted).toEqual([]);

    const oneBack = down.map((n) => (n.name === 'b-0' ? { ...n, ready: 'True' as const } : n));
    r = pass(r.state, oneBack, 65_000);
    expect(r.actions).toEqual([{ type: 'ExitMasterDisruption' }]);
    expect(r.state.zones.get('a')?.state).toBe('FullDisruption');
    // Zone a keeps its normal rate again, from an empty bucket (the stopped limiter had no token).
    expect(r.tainted).toEqual([]);
    expect(takeTaintable(r.state, 75_000).nodes).toEqual(['a-0']);
  });

  it('a one-node cluster whose node is lost is fully disrupted: no eviction', () => {
    expect(pass(EMPTY_TAINTING_STATE, nodes('', 0, 1), 0)).toMatchObject({ tainted: [], actions: [{ type: 'EnterMasterDisruption' }] });
  });

  it('zone state changes are reported', () => {
    let r = pass(EMPTY_TAINTING_STATE, nodes('a', 5, 0), 0);
    expect(r.actions).toEqual([]);
    r = pass(r.state, nodes('a', 2, 3), 5_000);
    expect(r.actions).toEqual([{ type: 'ZoneStateChanged', zone: 'a', to: 'PartialDisruption' }]);
  });
});

import type { ConditionStatus, Node } from '@kubesim/api';
import { newBucket, swapRate, tryAccept, type TokenBucket } from './token-bucket';

/** The label a node's zone comes from; nodes without it share the zone "". */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** kube-controller-manager's flags (semantics §9.2); rates in nodes per second of Kubernetes time. */
export interface EvictionSettings {
  /** --node-eviction-rate */
  readonly evictionRate: number;
  /** --secondary-node-eviction-rate */
  readonly secondaryEvictionRate: number;
  /** --unhealthy-zone-threshold */
  readonly unhealthyZoneThreshold: number;
  /** --large-cluster-size-threshold */
  readonly largeClusterSizeThreshold: number;
  /** Durations are multiplied by it, so rates are divided by it. */
  readonly timeScale: number;
}

export const DEFAULT_EVICTION_SETTINGS: EvictionSettings = {
  evictionRate: 0.1,
  secondaryEvictionRate: 0.01,
  unhealthyZoneThreshold: 0.55,
  largeClusterSizeThreshold: 50,
  timeScale: 1,
};

export const zoneOf = (node: Node): string => node.metadata.labels?.[ZONE_LABEL] ?? '';

/**
 * Upstream `ComputeZoneState`: no Ready node → FullDisruption; more than 2 not Ready and at
 * least the threshold's share of them → PartialDisruption; otherwise Normal.
 */
export function computeZoneState(ready: readonly ConditionStatus[], unhealthyZoneThreshold: number): ZoneState {
  const notReady = ready.filter((s) => s !== 'True').length;
  if (notReady > 0 && notReady === ready.length) return 'FullDisruption';
  if (notReady > 2 && notReady / ready.length >= unhealthyZoneThreshold) return 'PartialDisruption';
  return 'Normal';
}

/**
 * Upstream `setLimiterInZone`: the tainting rate of a zone in a state (wall-clock nodes/s).
 * PartialDisruption slows to the secondary rate in a large zone and stops in a small one; a fully
 * disrupted zone keeps the normal rate (unless every zone is: see `handleDisruption`).
 */
export function zoneRate(state: ZoneState, zoneSize: number, s: EvictionSettings): number {
  switch (state) {
    case 'Normal':
    case 'FullDisruption':
      return s.evictionRate / s.timeScale;
    case 'PartialDisruption':
      return zoneSize > s.largeClusterSizeThreshold ? s.secondaryEvictionRate / s.timeScale : 0;
    default: {
      const _exhaustive: never = state;
      return _exhaustive;
    }
  }
}

interface Zone {
  /** Undefined until the first pass that saw it (upstream stateInitial). */
  readonly state?: ZoneState;
  readonly bucket: TokenBucket;
  /** Nodes waiting for their NoExecute taint, first come first served. */
  readonly queue: readonly string[];
}

/** The rate limiting of NoExecute tainting, per zone (upstream zoneStates + zoneNoExecuteTainter). */
export interface TaintingState {
  readonly zones: ReadonlyMap<string, Zone>;
}

export const EMPTY_TAINTING_STATE: TaintingState = { zones: new Map() };

/** What the controller must do besides tainting, and what to log. */
export type DisruptionAction =
  /** Every zone lost all its Ready nodes: NoExecute taints are removed from every node and tainting stops. */
  | { readonly type: 'EnterMasterDisruption' }
  | { readonly type: 'ExitMasterDisruption' }
  | { readonly type: 'ZoneStateChanged'; readonly zone: string; readonly to: ZoneState };

function zone(state: TaintingState, name: string, now: number, s: EvictionSettings): Zone {
  return state.zones.get(name) ?? { bucket: newBucket(s.evictionRate / s.timeScale, now), queue: [] };
}

function withZone(state: TaintingState, name: string, z: Zone): TaintingState {
  return { zones: new Map(state.zones).set(name, z) };
}

/** Upstream `markNodeForTainting`: the node waits in its zone's queue for a token. */
export function markForTainting(state: TaintingState, zoneName: string, node: string, now: number, s: EvictionSettings): TaintingState {
  const z = zone(state, zoneName, now, s);
  return z.queue.includes(node) ? withZone(state, zoneName, z) : withZone(state, zoneName, { ...z, queue: [...z.queue, node] });
}

/** Upstream `markNodeAsReachable`'s queue part: a Ready node no longer waits. */
export function markReachable(state: TaintingState, zoneName: string, node: string): TaintingState {
  const z = state.zones.get(zoneName);
  if (!z?.queue.includes(node)) return state;
  return withZone(state, zoneName, { ...z, queue: z.queue.filter((n) => n !== node) });
}

export interface NodeHealth {
  readonly name: string;
  readonly zone: string;
  readonly ready: ConditionStatus;
}

/**
 * Upstream `handleDisruption`, after a monitor pass: each zone's state from its nodes' Ready
 * status, and the tainting rate that goes with it. When every zone is fully disrupted (the
 * control plane, not the nodes, is the likely culprit) all tainting stops and the existing
 * NoExecute taints go; when one node is Ready again, each zone's rate follows its state.
 */
export function handleDisruption(state: TaintingState, nodes: readonly NodeHealth[], now: number, s: EvictionSettings): { state: TaintingState; actions: DisruptionAction[] } {
  const byZone = new Map<string, ConditionStatus[]>();
  for (const n of nodes) byZone.set(n.zone, [...(byZone.get(n.zone) ?? []), n.ready]);
  const next = new Map<string, ZoneState>();
  for (const [name, ready] of byZone) next.set(name, computeZoneState(ready, s.unhealthyZoneThreshold));

  const zones = new Map<string, Zone>();
  for (const name of byZone.keys()) zones.set(name, zone(state, name, now, s)); // zones without nodes are dropped
  const allAre = [...next.values()].every((z) => z === 'FullDisruption');
  const allWere = [...zones.values()].every((z) => z.state === 'FullDisruption');
  const actions: DisruptionAction[] = [];
  if (allAre && allWere) return { state: { zones }, actions };

  if (allAre) {
    for (const [name, z] of zones) zones.set(name, { state: 'FullDisruption', bucket: swapRate(z.bucket, 0, now), queue: [] });
    return { state: { zones }, actions: [{ type: 'EnterMasterDisruption' }] };
  }
  if (allWere) actions.push({ type: 'ExitMasterDisruption' });
  for (const [name, z] of zones) {
    const to = next.get(name)!;
    if (!allWere && z.state === to) continue;
    if (!allWere && z.state !== undefined) actions.push({ type: 'ZoneStateChanged', zone: name, to });
    zones.set(name, { ...z, state: to, bucket: swapRate(z.bucket, zoneRate(to, byZone.get(name)!.length, s), now) });
  }
  return { state: { zones }, actions };
}

/**
 * Upstream `doNoExecuteTaintingPass`: in each zone, the nodes at the head of the queue for which
 * the zone's limiter has a token leave the queue; the controller then taints each one that is
 * still not Ready.
 */
export function takeTaintable(state: TaintingState, now: number): { state: TaintingState; nodes: string[] } {
  const zones = new Map(state.zones);
  const nodes: string[] = [];
  for (const [name, z] of state.zones) {
    let bucket = z.bucket;
    const queue = [...z.queue];
    while (queue.length > 0) {
      const [ok, b] = tryAccept(bucket, now);
      bucket = b;
      if (!ok) break;
      nodes.push(queue.shift()!);
    }
    zones.set(name, { ...z, bucket, queue });
  }
  return { state: { zones }, nodes };
}

/** When a zone's limiter next has a token for a waiting node (wall-clock ms), if any zone has one waiting. */
export function nextTokenAt(state: TaintingState): number | undefined {
  const times = [...state.zones.values()]
    .filter((z) => z.queue.length > 0 && z.bucket.qps > 0)
    .map((z) => z.bucket.at + (Math.max(0, 1 - z.bucket.tokens) / z.bucket.qps) * 1000);
  return times.length ? Math.min(...times) : undefined;
}

import type { ClusterView, EventView, LiveMessage, NodeView, PodView, WorkloadView } from '../../src/view/view.types';

/** How many events the feed shows. */
export const FEED_SIZE = 200;

/** The live cluster as the page holds it: objects by key, so a change replaces one card in place. */
export interface LiveState {
  seq: number;
  time: number;
  nodes: Map<string, NodeView>;
  pods: Map<string, PodView>;
  workloads: Map<string, WorkloadView>;
  events: Map<string, EventView>;
}

export const emptyState = (): LiveState => ({ seq: 0, time: 0, nodes: new Map(), pods: new Map(), workloads: new Map(), events: new Map() });

const nodeKey = (n: NodeView) => `Node//${n.name}`;

export function fromView(v: ClusterView): LiveState {
  return {
    seq: v.seq,
    time: v.time,
    nodes: new Map(v.nodes.map((n) => [nodeKey(n), n])),
    pods: new Map(v.pods.map((p) => [p.key, p])),
    workloads: new Map(v.workloads.map((w) => [w.key, w])),
    events: new Map(v.events.map((e) => [e.key, e])),
  };
}

/** Applies one message of the live stream; returns a new state (maps copied only when changed). */
export function applyMessage(s: LiveState, m: LiveMessage): LiveState {
  if (m.type === 'snapshot') return fromView(m.view);
  const next: LiveState = { ...s, seq: m.seq, time: m.time };
  const touch = <K extends 'nodes' | 'pods' | 'workloads' | 'events'>(k: K) => (next[k] === s[k] ? (next[k] = new Map(s[k] as never) as LiveState[K]) : next[k]);
  for (const n of m.upsert.nodes ?? []) touch('nodes').set(nodeKey(n), n);
  for (const p of m.upsert.pods ?? []) touch('pods').set(p.key, p);
  for (const w of m.upsert.workloads ?? []) touch('workloads').set(w.key, w);
  for (const e of m.upsert.events ?? []) touch('events').set(e.key, e);
  for (const key of m.remove) {
    const kind = key.slice(0, key.indexOf('/'));
    const k = kind === 'Node' ? 'nodes' : kind === 'Pod' ? 'pods' : kind === 'Event' ? 'events' : 'workloads';
    if (s[k].has(key)) touch(k).delete(key);
  }
  if (next.events.size > FEED_SIZE * 2) {
    const keep = [...next.events.values()].sort((a, b) => b.last.localeCompare(a.last)).slice(0, FEED_SIZE);
    next.events = new Map(keep.map((e) => [e.key, e]));
  }
  return next;
}

export const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, undefined, { numeric: true });

/** Pods of a node (or of none: the unscheduled lane), grouped by their workload, each group by name. */
export function podGroups(pods: Iterable<PodView>, node: string): { workload: string; pods: PodView[] }[] {
  const groups = new Map<string, PodView[]>();
  for (const p of pods) {
    if (p.node !== node) continue;
    let g = groups.get(p.workload);
    if (!g) groups.set(p.workload, (g = []));
    g.push(p);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([workload, list]) => ({ workload, pods: list.sort((a, b) => a.key.localeCompare(b.key)) }));
}

/** What a node has handed out: requests of its pods that still hold them (not finished). */
export function requested(pods: Iterable<PodView>, node: string): { cpu: number; memory: number; pods: number } {
  let cpu = 0;
  let memory = 0;
  let n = 0;
  for (const p of pods) {
    if (p.node !== node || p.look === 'succeeded' || p.look === 'failed') continue;
    cpu += p.cpu;
    memory += p.memory;
    n++;
  }
  return { cpu, memory, pods: n };
}

export function formatCpu(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${(m / 1000).toFixed(m < 100 ? 2 : 1)}`;
}

export function formatMemory(b: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let i = 0;
  let v = b;
  while (v >= 1024 && i < units.length - 1) (v /= 1024), i++;
  return `${Number.isInteger(v) ? v : v.toFixed(1)}${units[i]}`;
}

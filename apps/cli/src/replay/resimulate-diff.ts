import { groupOf, type Outcome, type PodOutcome } from './resimulate-outcome';

/** One way a pod ended otherwise in the resimulation. */
export type Difference =
  | { kind: 'stayed-pending'; message?: string }
  | { kind: 'scheduled-now' }
  | { kind: 'other-node'; from: string; to: string }
  | { kind: 'status'; from: string; to: string }
  | { kind: 'restarts'; from: number; to: number }
  | { kind: 'not-there' }
  | { kind: 'only-resimulated' };

/** A pod of the original matched with its counterpart in the resimulation (by name, or by owner for a controller's pods). */
export interface PodDiff {
  namespace: string;
  original?: PodOutcome;
  resimulated?: PodOutcome;
  differences: Difference[];
}

export interface GroupDisruption {
  group: string;
  evicted: [number, number];
  unknown: [number, number];
}

export interface OutcomeDiff {
  pods: PodDiff[];
  disruptions: GroupDisruption[];
  counts: { original: number; resimulated: number };
}

const byAge = (a: PodOutcome, b: PodOutcome) => a.created.localeCompare(b.created) || a.name.localeCompare(b.name);
const same = (a: PodOutcome, b: PodOutcome) => a.node === b.node && a.status === b.status;

/**
 * Matches the pods of two outcomes and says how each pair differs. A pod of its own is matched by
 * name; a controller's pods are interchangeable (their names are random): within an owner, pods
 * that ended alike are paired first, then the rest oldest with oldest. Pure.
 */
export function diffOutcomes(original: Outcome, resimulated: Outcome): OutcomeDiff {
  const groups = new Map<string, { o: PodOutcome[]; r: PodOutcome[] }>();
  const add = (p: PodOutcome, side: 'o' | 'r') => {
    const g = groups.get(groupOf(p)) ?? { o: [], r: [] };
    g[side].push(p);
    groups.set(groupOf(p), g);
  };
  original.pods.forEach((p) => add(p, 'o'));
  resimulated.pods.forEach((p) => add(p, 'r'));

  const pods: PodDiff[] = [];
  for (const { o, r } of groups.values()) {
    const left = [...r].sort(byAge);
    const pairs: [PodOutcome | undefined, PodOutcome | undefined][] = [];
    const unpaired: PodOutcome[] = [];
    for (const p of [...o].sort(byAge)) {
      const i = left.findIndex((q) => same(p, q));
      if (i >= 0) pairs.push([p, left.splice(i, 1)[0]]);
      else unpaired.push(p);
    }
    for (const p of unpaired) pairs.push([p, left.shift()]);
    for (const q of left) pairs.push([undefined, q]);
    for (const [a, b] of pairs) pods.push({ namespace: (a ?? b)!.namespace, original: a, resimulated: b, differences: differences(a, b) });
  }
  pods.sort((x, y) => x.namespace.localeCompare(y.namespace) || nameOf(x).localeCompare(nameOf(y)));

  const disruptions: GroupDisruption[] = [];
  const names = new Set([...Object.keys(original.evicted), ...Object.keys(resimulated.evicted), ...Object.keys(original.unknown), ...Object.keys(resimulated.unknown)]);
  for (const group of [...names].sort()) {
    const evicted: [number, number] = [original.evicted[group]?.length ?? 0, resimulated.evicted[group]?.length ?? 0];
    const unknown: [number, number] = [original.unknown[group]?.length ?? 0, resimulated.unknown[group]?.length ?? 0];
    if (evicted[0] !== evicted[1] || unknown[0] !== unknown[1]) disruptions.push({ group, evicted, unknown });
  }
  return { pods, disruptions, counts: { original: original.pods.length, resimulated: resimulated.pods.length } };
}

const nameOf = (d: PodDiff) => (d.original ?? d.resimulated)!.name;

function differences(a: PodOutcome | undefined, b: PodOutcome | undefined): Difference[] {
  if (!b) return [{ kind: 'not-there' }];
  if (!a) return [{ kind: 'only-resimulated' }];
  const out: Difference[] = [];
  const pendingA = !a.node;
  const pendingB = !b.node;
  if (pendingB && !pendingA) out.push({ kind: 'stayed-pending', ...(b.unschedulable ? { message: b.unschedulable } : {}) });
  else if (pendingA && !pendingB) out.push({ kind: 'scheduled-now' });
  else if (a.node && b.node && a.node !== b.node) out.push({ kind: 'other-node', from: a.node, to: b.node });
  if (a.status !== b.status && !(pendingB && !pendingA && b.status === 'Pending')) out.push({ kind: 'status', from: a.status, to: b.status });
  if (a.restarts !== b.restarts) out.push({ kind: 'restarts', from: a.restarts, to: b.restarts });
  return out;
}

/** `Running on node-3, 2 restarts` */
function state(p: PodOutcome | undefined): string {
  if (!p) return '-';
  return `${p.status}${p.node ? ` on ${p.node}` : ''}${p.restarts ? `, ${p.restarts} restart${p.restarts === 1 ? '' : 's'}` : ''}`;
}

function describe(d: Difference): string {
  switch (d.kind) {
    case 'stayed-pending':
      return `stayed Pending${d.message ? `: ${d.message}` : ''}`;
    case 'scheduled-now':
      return 'scheduled (Pending in the original)';
    case 'other-node':
      return `placed on ${d.to} instead of ${d.from}`;
    case 'status':
      return `STATUS ${d.to} instead of ${d.from}`;
    case 'restarts':
      return `restarted ${d.to} times instead of ${d.from}`;
    case 'not-there':
      return 'not in the resimulation';
    case 'only-resimulated':
      return 'only in the resimulation';
    default: {
      const _exhaustive: never = d;
      return _exhaustive;
    }
  }
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd() + '\n').join('');
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

/** The one-line summary: how many pods differ and how. */
export function summaryLine(d: OutcomeDiff): string {
  const differing = d.pods.filter((p) => p.differences.length > 0);
  const count = (k: Difference['kind']) => d.pods.filter((p) => p.differences.some((x) => x.kind === k)).length;
  if (differing.length === 0 && d.disruptions.length === 0) return `Summary: no differences: ${plural(d.counts.original, 'pod')} ended as in the original.`;
  const parts = [
    [count('stayed-pending'), 'stayed Pending'],
    [count('scheduled-now'), 'scheduled where the original left it Pending'],
    [count('other-node'), 'on another node'],
    [count('status'), 'with another STATUS'],
    [count('restarts'), 'restarted differently'],
    [count('not-there'), 'missing'],
    [count('only-resimulated'), 'only in the resimulation'],
  ]
    .filter(([n]) => n)
    .map(([n, what]) => `${n} ${what}`);
  const total = (f: (g: GroupDisruption) => number) => d.disruptions.reduce((n, g) => n + f(g), 0);
  if (d.disruptions.length) {
    parts.push(`evicted ${total((g) => g.evicted[0])} → ${total((g) => g.evicted[1])}`, `Unknown ${total((g) => g.unknown[0])} → ${total((g) => g.unknown[1])}`);
  }
  return `Summary: ${plural(differing.length, 'pod')} of ${d.counts.original} differ${differing.length === 1 ? 's' : ''} (${d.counts.resimulated} in the resimulation): ${parts.join(', ')}.`;
}

/** kubectl-style tables of what differs, then the summary line. */
export function formatDiff(d: OutcomeDiff): string {
  let out = '';
  const differing = d.pods.filter((p) => p.differences.length > 0);
  if (differing.length) {
    const rows = differing.map((p) => {
      const renamed = p.original && p.resimulated && p.original.name !== p.resimulated.name;
      return [p.namespace, p.original?.name ?? p.resimulated!.name, state(p.original), `${state(p.resimulated)}${renamed ? ` (${p.resimulated!.name})` : ''}`, p.differences.map(describe).join('; ')];
    });
    out += table(['NAMESPACE', 'POD', 'ORIGINAL', 'RESIMULATED', 'DIFFERENCE'], rows) + '\n';
  }
  if (d.disruptions.length) {
    const rows = d.disruptions.map((g) => [g.group, `${g.evicted[0]} → ${g.evicted[1]}`, `${g.unknown[0]} → ${g.unknown[1]}`]);
    out += table(['PODS OF', 'EVICTED (ORIGINAL → RESIMULATED)', 'UNKNOWN (ORIGINAL → RESIMULATED)'], rows) + '\n';
  }
  return out + summaryLine(d) + '\n';
}

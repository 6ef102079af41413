import type { Pod } from '@kubesim/api';
import { describeNodeProcessAction, keyOfEvent, Store, type ClusterEvent, type EventOf } from '@kubesim/core';
import type { StoredRecord } from '@kubesim/eventlog';
import { podStatusString } from '@kubesim/printers';
import type { TimelineEntry } from './timeline-entry';

export type { TimelineEntry } from './timeline-entry';

const DELETED = '(deleted)';

/**
 * Folds records into timeline entries with the same evolve as the apiserver (through `Store`),
 * one event at a time so that every STATUS a pod went through is seen, even inside one record.
 */
export class TimelineBuilder {
  readonly store = new Store();
  private readonly last = new Map<string, { phase: string; status: string }>();

  apply(r: Pick<StoredRecord, 'seq' | 'record'>): TimelineEntry[] {
    const out: TimelineEntry[] = [];
    for (const e of r.record.events) {
      if (e.type === 'NodeProcessAction') out.push(nodeActionEntry(r.seq, e));
      const key = keyOfEvent(e);
      const before = key.kind === 'Pod' ? (this.store.get(key) as Pod | undefined) : undefined;
      this.store.apply(r.seq, { v: r.record.v, events: [e] });
      if (key.kind !== 'Pod') continue;
      const after = this.store.get(key) as Pod | undefined;
      const pod = after ?? before;
      if (!pod) continue;
      const phase = after ? (after.status?.phase ?? '') : DELETED;
      const status = after ? podStatusString(after) : DELETED;
      const uid = pod.metadata.uid;
      // The pod's sandbox (pause) is there before any of its containers: its own step, which is
      // also the cause of the STATUS that came with it (ContainerCreating, Init:0/1).
      if (after && sandboxReady(after) && !(before && sandboxReady(before))) {
        out.push({ seq: r.seq, at: e.at, namespace: key.namespace, pod: key.name, uid, phase, status, node: after.spec.nodeName ?? '', cause: `pod sandbox created (pause)${after.status.podIP ? `: IP ${after.status.podIP}` : ''}`, by: e.by });
        this.last.set(uid, { phase, status });
        continue;
      }
      const prev = this.last.get(uid);
      if (prev && prev.phase === phase && prev.status === status) continue;
      if (after) this.last.set(uid, { phase, status });
      else this.last.delete(uid);
      out.push({ seq: r.seq, at: e.at, namespace: key.namespace, pod: key.name, uid, phase, status, node: pod.spec.nodeName ?? '', cause: causeOf(e), by: e.by });
    }
    return out;
  }
}

/** PodReadyToStartContainers=True: the kubelet created the pod's sandbox and configured its network. */
const sandboxReady = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'PodReadyToStartContainers' && c.status === 'True') ?? false;

/** A user's `kubesim node …` in the timeline: its own row, `node/NAME`, since no pod changed yet. */
function nodeActionEntry(seq: number, e: EventOf<'NodeProcessAction'>): TimelineEntry {
  const id = `node/${e.name}`;
  return { seq, at: e.at, namespace: '', pod: id, uid: id + '@' + seq, phase: '', status: '', node: e.name, cause: describeNodeProcessAction(e), by: e.by };
}

/** The event's own cause when it has one; otherwise what the event did, in words. */
export function causeOf(e: ClusterEvent): string {
  if (e.cause) return e.cause;
  switch (e.type) {
    case 'PodCreated':
      return 'created';
    case 'PodPhaseChanged':
      return e.reason || `phase ${e.to}`;
    case 'PodBound':
      return `bound to ${e.node}`;
    case 'PodDeletionRequested':
      return `deletion requested (grace period ${e.gracePeriodSeconds}s)`;
    case 'PodDeleted':
      return 'deleted';
    case 'PodStatusReported':
      return 'status reported';
    case 'PodConditionSet':
      return `condition ${e.condition.type}=${e.condition.status}${e.condition.reason ? ` (${e.condition.reason})` : ''}`;
    default:
      return e.type;
  }
}

export function timeline(records: Iterable<Pick<StoredRecord, 'seq' | 'record'>>): TimelineEntry[] {
  const b = new TimelineBuilder();
  const out: TimelineEntry[] = [];
  for (const r of records) out.push(...b.apply(r));
  return out;
}

/** Entries grouped per pod (pods in order of first appearance), each pod's in log order. */
export function perPod(entries: TimelineEntry[]): TimelineEntry[] {
  const order = new Map<string, number>();
  for (const e of entries) if (!order.has(e.uid)) order.set(e.uid, order.size);
  return [...entries].sort((a, b) => order.get(a.uid)! - order.get(b.uid)! || a.seq - b.seq);
}

export const TIMELINE_HEADER = ['TIME', 'POD', 'PHASE', 'STATUS', 'NODE', 'CAUSE', 'BY'];

export function timelineRow(e: TimelineEntry): string[] {
  return [e.at, e.namespace ? `${e.namespace}/${e.pod}` : e.pod, e.phase || '-', e.status || '-', e.node || '-', e.cause || '-', e.by];
}

export function formatTimeline(entries: TimelineEntry[]): string {
  const rows = entries.map(timelineRow);
  const widths = TIMELINE_HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [TIMELINE_HEADER, ...rows].map((r) => formatRow(r, widths)).join('');
}

/** One row padded to `widths` (streaming output uses fixed widths, since later rows are unknown). */
export function formatRow(r: string[], widths: number[]): string {
  return r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd() + '\n';
}

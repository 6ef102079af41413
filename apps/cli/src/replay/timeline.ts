import type { Pod } from '@kubesim/api';
import { Store, type LogRecord } from '@kubesim/core';

export interface TimelineEntry {
  seq: number;
  at: string;
  pod: string;
  from: string;
  to: string;
  reason: string;
  node: string;
  by: string;
}

/**
 * One entry per pod phase change, from the log alone: the same evolve as the apiserver, so the
 * node a pod was on is known even when the event does not carry it.
 */
export function timeline(records: Iterable<{ seq: number; record: LogRecord }>): TimelineEntry[] {
  const store = new Store();
  const out: TimelineEntry[] = [];
  for (const { seq, record } of records) {
    for (const e of record.events) {
      if (e.type === 'PodPhaseChanged' || e.type === 'PodDeleted') {
        const current = store.get({ kind: 'Pod', namespace: e.namespace, name: e.name }) as Pod | undefined;
        const node = (e.type === 'PodPhaseChanged' ? e.node : e.node) ?? current?.spec.nodeName ?? '';
        out.push({
          seq,
          at: e.at,
          pod: `${e.namespace}/${e.name}`,
          from: e.type === 'PodPhaseChanged' ? (e.from ?? '(none)') : e.phase,
          to: e.type === 'PodPhaseChanged' ? e.to : '(deleted)',
          reason: e.type === 'PodPhaseChanged' ? e.reason : (e.cause ?? 'Deleted'),
          node,
          by: e.by,
        });
      }
    }
    store.apply(seq, record);
  }
  return out;
}

export function formatTimeline(entries: TimelineEntry[]): string {
  const header = ['TIME', 'POD', 'FROM', '', 'TO', 'REASON', 'NODE', 'BY'];
  const rows = entries.map((e) => [e.at.replace(/\.\d+Z$/, 'Z'), e.pod, e.from, '→', e.to, e.reason || '-', e.node || '-', e.by]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n').join('');
}

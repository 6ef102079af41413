import { managerId } from '@kubesim/api';
import type { ClusterEvent } from '@kubesim/core';
import type { StoredRecord } from '@kubesim/eventlog';
import { formatRow } from './timeline';

/** One write a field manager made, as its managedFields entry recorded it. */
export interface ManagerWrite {
  seq: number;
  at: string;
  object: string;
  operation: string;
  subresource: string;
  /** What else the record did (ObjectCreated, ObjectStatusUpdated …). */
  events: string;
}

/**
 * The writes of one field manager (`webapp-operator`, `kubectl-client-side-apply`, `kubelet`) to
 * objects of any kind: every record whose ManagedFieldsUpdated event moved that manager's entry
 * (new, new fields, or a new time).
 */
export class ManagerWrites {
  private readonly seen = new Map<string, string>();

  constructor(private readonly manager: string) {}

  apply(r: Pick<StoredRecord, 'seq' | 'record'>): ManagerWrite[] {
    const out: ManagerWrite[] = [];
    const others = r.record.events.filter((e) => e.type !== 'ManagedFieldsUpdated').map((e) => e.type);
    for (const e of r.record.events) {
      if (e.type !== 'ManagedFieldsUpdated') continue;
      for (const m of e.managedFields) {
        if (m.manager !== this.manager) continue;
        const id = `${e.kind}/${e.namespace}/${e.name}/${managerId(m)}`;
        const state = `${m.time}|${m.fieldsV1 ? JSON.stringify(m.fieldsV1) : (this.seen.get(id)?.split('|').slice(1).join('|') ?? '')}`;
        if (this.seen.get(id) === state) continue;
        this.seen.set(id, state);
        out.push({ seq: r.seq, at: e.at, object: objectName(e), operation: m.operation, subresource: m.subresource ?? '', events: [...new Set(others)].join(',') || 'ManagedFieldsUpdated' });
      }
    }
    return out;
  }
}

const objectName = (e: Extract<ClusterEvent, { type: 'ManagedFieldsUpdated' }>) => `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;

export const MANAGER_WRITES_HEADER = ['SEQ', 'TIME', 'OBJECT', 'OPERATION', 'SUBRESOURCE', 'EVENTS'];

export function formatManagerWrites(rows: ManagerWrite[]): string {
  const cells = [MANAGER_WRITES_HEADER, ...rows.map((w) => [String(w.seq), w.at, w.object, w.operation, w.subresource, w.events])];
  const widths = MANAGER_WRITES_HEADER.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  return cells.map((c) => formatRow(c, widths)).join('');
}

import type { ClusterEvent } from '@kubesim/core';
import { formatManagerWrites, ManagerWrites } from './manager-writes';

const at = '2026-12-01T10:00:00Z';
const mf = (time: string, fields?: Record<string, unknown>, subresource?: string) => ({ manager: 'webapp-operator', operation: 'Apply' as const, apiVersion: 'apps/v1', time, ...(fields ? { fieldsType: 'FieldsV1' as const, fieldsV1: fields } : {}), ...(subresource ? { subresource } : {}) });
const record = (seq: number, events: ClusterEvent[]) => ({ seq, record: { v: 1, events } });
const updated = (managedFields: ReturnType<typeof mf>[]): ClusterEvent => ({ at, by: 'user:node', type: 'ManagedFieldsUpdated', kind: 'Deployment', namespace: 'default', name: 'web', managedFields });

describe('kubesim replay --manager: one field manager’s writes', () => {
  it('a new entry, new fields and a new time are writes; the same entry carried along is not', () => {
    const w = new ManagerWrites('webapp-operator');
    const created = { at, by: 'user:node', type: 'ObjectCreated', object: {} } as unknown as ClusterEvent;
    expect(w.apply(record(5, [created, updated([mf('2026-12-01T10:00:00Z', { 'f:spec': {} })])]))).toEqual([{ seq: 5, at, object: 'Deployment default/web', operation: 'Apply', subresource: '', events: 'ObjectCreated' }]);
    expect(w.apply(record(6, [updated([mf('2026-12-01T10:00:00Z')])]))).toEqual([]);
    expect(w.apply(record(7, [updated([mf('2026-12-01T10:00:09Z')])])).map((x) => x.seq)).toEqual([7]);
    expect(new ManagerWrites('someone-else').apply(record(5, [updated([mf(at, {})])]))).toEqual([]);
  });

  it('prints a table', () => {
    expect(formatManagerWrites([{ seq: 5, at, object: 'WebApp default/demo', operation: 'Apply', subresource: 'status', events: 'ObjectStatusUpdated' }])).toBe(
      'SEQ  TIME                  OBJECT               OPERATION  SUBRESOURCE  EVENTS\n' + '5    2026-12-01T10:00:00Z  WebApp default/demo  Apply      status       ObjectStatusUpdated\n',
    );
  });
});

import { podColumns } from '@kubesim/printers';
import { aPod, FIXTURE_TIME } from '@kubesim/testing';
import { tableWatchEncoder } from './table-watch';
import type { Table } from './table';

const NOW = Date.parse(FIXTURE_TIME) + 5_000;
const withRv = (name: string, rv: string) => {
  const pod = aPod(name);
  pod.metadata.resourceVersion = rv;
  return pod;
};

describe('tableWatchEncoder (kubectl get -w)', () => {
  it('encodes each event as a one-row Table with the object’s resourceVersion', () => {
    const encode = tableWatchEncoder('Pod', 'v1', 'Metadata', () => NOW);
    const table = encode('ADDED', withRv('web', '7')) as Table;
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '7' } });
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0].cells.slice(0, 5)).toEqual(['web', '0/1', 'Pending', '0', '5s']);
    expect(table.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'web', resourceVersion: '7' } });
  });

  it('sends columnDefinitions with the first event only, as kube-apiserver does', () => {
    const encode = tableWatchEncoder('Pod', 'v1', 'Metadata', () => NOW);
    const first = encode('ADDED', withRv('a', '1')) as Table;
    const second = encode('MODIFIED', withRv('a', '2')) as Table;
    const third = encode('DELETED', withRv('a', '3')) as Table;
    expect(first.columnDefinitions.map((c) => c.name)).toEqual(podColumns.map((c) => c.name));
    expect(second.columnDefinitions).toEqual([]);
    expect(third.columnDefinitions).toEqual([]);
    expect(third.rows[0].cells[0]).toBe('a');
  });

  it('encodes a BOOKMARK as a Table without rows that carries its resourceVersion', () => {
    const encode = tableWatchEncoder('Pod', 'v1beta1', 'Metadata', () => NOW);
    const table = encode('BOOKMARK', { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '99' } }) as Table;
    expect(table).toEqual({ kind: 'Table', apiVersion: 'meta.k8s.io/v1beta1', metadata: { resourceVersion: '99' }, columnDefinitions: [], rows: [] });
  });

  it('honours includeObject and computes AGE when the event is sent', () => {
    let now = NOW;
    const encode = tableWatchEncoder('Pod', 'v1', 'None', () => now);
    expect((encode('ADDED', withRv('a', '1')) as Table).rows[0]).not.toHaveProperty('object');
    now += 60_000;
    expect((encode('MODIFIED', withRv('a', '2')) as Table).rows[0].cells[4]).toBe('65s');
  });
});

import type { Columns } from './columns';
import { tableHeaders } from './columns';
import { eventColumns, eventRow } from './event.printer';
import { nodeColumns, nodeRow } from './node.printer';
import { podColumns, podRow } from './pod.printer';
import { makeEvent, makeNode, makePod, NOW } from './printers.builders.spec-helpers';

const printers: [kind: string, columns: Columns, row: (wide: boolean) => string[], headers: string[], wideHeaders: string[]][] = [
  [
    'pods',
    podColumns,
    (wide) => podRow(makePod().app('app').build(), NOW, wide),
    ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  ],
  [
    'nodes',
    nodeColumns,
    (wide) => nodeRow(makeNode().build(), NOW, wide),
    ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  ],
  [
    'events',
    eventColumns,
    (wide) => eventRow(makeEvent().build(), NOW, wide),
    ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
  ],
];

describe.each(printers)('%s columns (Table columnDefinitions)', (_kind, columns, row, headers, wideHeaders) => {
  it('prints the basic headers without -o wide', () => {
    expect(tableHeaders(columns, false)).toEqual(headers);
  });

  it('adds the priority-1 headers with -o wide, in apiserver order', () => {
    expect(tableHeaders(columns, true)).toEqual(wideHeaders);
  });

  it('gives one cell per visible column', () => {
    expect(row(false)).toHaveLength(tableHeaders(columns, false).length);
    expect(row(true)).toHaveLength(tableHeaders(columns, true).length);
  });

  it('marks the object-name column with format "name" and describes every column', () => {
    expect(columns.filter((c) => c.format === 'name').map((c) => c.name)).toEqual(['Name']);
    for (const c of columns) expect(c.description).not.toBe('');
  });
});

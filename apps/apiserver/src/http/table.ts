import type { KubeObject } from '@kubesim/api';
import type { Column, Columns } from '@kubesim/printers';
import type { TableVersion } from './accept';
import { badRequest } from './status';
import { tablePrinterFor, type RowCondition } from './table-printers';

/** What each row carries besides its cells (`?includeObject=`); kube-apiserver defaults to Metadata. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableRow {
  cells: (string | number | boolean | null)[];
  conditions?: RowCondition[];
  object?: unknown;
}

/** meta.k8s.io Table, as kube-apiserver serves it for `kubectl get`. */
export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion: string };
  columnDefinitions: Column[];
  rows: TableRow[];
}

export interface TableOptions {
  version: TableVersion;
  includeObject: IncludeObject;
  /** Wall-clock ms the AGE-like cells are computed against. */
  now: number;
  /** Leave columnDefinitions empty: watch events after the first, as kube-apiserver sends them. */
  noHeaders?: boolean;
}

export function parseIncludeObject(value: unknown): IncludeObject {
  if (value === undefined || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw badRequest(`unrecognized includeObject value: ${JSON.stringify(String(value))}`);
}

/** A cell typed as its column says: printers produce strings, integer columns go out as numbers. */
export function typedCell(cell: string | number | boolean | null, col: Column | undefined): string | number | boolean | null {
  if (typeof cell !== 'string') return cell;
  if (col?.type === 'integer' && /^-?\d+$/.test(cell)) return Number(cell);
  if (col?.type === 'number' && cell.trim() !== '' && Number.isFinite(Number(cell))) return Number(cell);
  return cell;
}

function rowObject(o: KubeObject, opts: TableOptions): unknown {
  switch (opts.includeObject) {
    case 'None':
      return undefined;
    case 'Object':
      return { ...o, kind: o.kind, apiVersion: (o as { apiVersion?: string }).apiVersion ?? 'v1' };
    case 'Metadata':
      return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${opts.version}`, metadata: o.metadata };
  }
}

function row(o: KubeObject, columns: Columns, opts: TableOptions): TableRow {
  const printer = tablePrinterFor(o.kind);
  const cells = printer.cells(o, opts.now).map((c, i) => typedCell(c, columns[i]));
  const conditions = printer.conditions?.(o);
  const object = rowObject(o, opts);
  return { cells, ...(conditions ? { conditions } : {}), ...(object !== undefined ? { object } : {}) };
}

/** The Table of `objects`, all of kind `kind`, with every column (kubectl hides priority 1 unless -o wide). */
export function toTable(kind: KubeObject['kind'], objects: readonly KubeObject[], resourceVersion: string, opts: TableOptions): Table {
  const { columns } = tablePrinterFor(kind);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata: { resourceVersion },
    columnDefinitions: opts.noHeaders ? [] : columns.map((c) => ({ name: c.name, type: c.type, format: c.format, description: c.description, priority: c.priority })),
    rows: objects.map((o) => row(o, columns, opts)),
  };
}

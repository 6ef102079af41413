import type { CustomResourceVersion, KubeObject, PrinterColumn } from '@kubesim/api';
import { AGE_DESCRIPTION, humanDuration, NAME_DESCRIPTION, type Column } from '@kubesim/printers';
import { JSONPath } from 'jsonpath-plus';

export type Cell = string | number | boolean | null;

/** When a version declares no columns, apiextensions-apiserver prints its age. */
const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: AGE_DESCRIPTION, priority: 0 };

/** `.spec.cronSpec` (Kubernetes' JSONPath, no `$`, maybe braces) → jsonpath-plus's `$.spec.cronSpec`. */
const toJsonPath = (p: string): string => {
  const bare = p.trim().replace(/^\{(.*)\}$/, '$1');
  return bare.startsWith('$') ? bare : `$${bare.startsWith('.') || bare.startsWith('[') ? '' : '.'}${bare}`;
};

/** One cell: the first value the path finds, dates as ages, objects as JSON, nothing as null (kubectl prints `<none>`). */
function cell(o: KubeObject, jsonPath: string, type: string, now: number): Cell {
  let found: unknown[];
  try {
    found = JSONPath({ path: toJsonPath(jsonPath), json: o as object, wrap: true }) as unknown[];
  } catch {
    return null;
  }
  if (!found.length || found[0] === undefined || found[0] === null) return null;
  const v = found[0];
  if (type === 'date' && typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? v : humanDuration(now - t);
  }
  if (typeof v === 'object') return JSON.stringify(v);
  if (type === 'string') return String(v);
  return v as Cell;
}

/** A custom resource's Table (apiextensions-apiserver's tableconvertor): Name, then the version's printer columns. */
export function customPrinter(custom: CustomResourceVersion) {
  const declared: readonly PrinterColumn[] = custom.printerColumns.length ? custom.printerColumns : [AGE];
  const columns: Column[] = [
    { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 },
    ...declared.map((c) => ({ name: c.name, type: c.type, format: (c.format ?? '') as Column['format'], description: c.description ?? '', priority: (c.priority ? 1 : 0) as Column['priority'] })),
  ];
  return {
    columns,
    cells: (o: KubeObject, now: number): Cell[] => [o.metadata.name, ...declared.map((c) => cell(o, c.jsonPath, c.type, now))],
  };
}

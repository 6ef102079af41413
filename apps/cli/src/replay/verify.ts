import type { KubeObject } from '@kubesim/api';
import { fnv64 } from '@kubesim/core';

/** What differs between the state rebuilt from the log and the live apiserver's, per object. */
export interface Difference {
  key: string;
  problem: 'missing from the apiserver' | 'not in the log' | 'different';
  /** For `different`: the fields (dotted paths) that differ. */
  fields?: string[];
}

const keyOf = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name}`;

/** List items come without kind and apiVersion: compare objects without them. */
function bare(o: KubeObject): Record<string, unknown> {
  const { kind: _k, apiVersion: _a, ...rest } = o as unknown as Record<string, unknown>;
  return rest;
}

/** JSON with sorted keys, so that equal objects hash equally whatever their key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function differingFields(a: unknown, b: unknown, path: string, out: string[]): void {
  if (canonical(a) === canonical(b)) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) differingFields((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.push(path || '(object)');
}

export function compareStates(fromLog: KubeObject[], live: KubeObject[]): Difference[] {
  const mine = new Map(fromLog.map((o) => [keyOf(o), o]));
  const theirs = new Map(live.map((o) => [keyOf(o), o]));
  const out: Difference[] = [];
  for (const [key, o] of mine) {
    const l = theirs.get(key);
    if (!l) out.push({ key, problem: 'missing from the apiserver' });
    else {
      const fields: string[] = [];
      differingFields(bare(o), bare(l), '', fields);
      if (fields.length) out.push({ key, problem: 'different', fields });
    }
  }
  for (const key of theirs.keys()) if (!mine.has(key)) out.push({ key, problem: 'not in the log' });
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** A hash of a whole state: every object (without kind/apiVersion noise), in key order. */
export function stateHash(objects: KubeObject[]): string {
  const sorted = [...objects].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  return fnv64(sorted.map((o) => `${keyOf(o)}=${canonical(bare(o))}`).join('\n'));
}

export function formatDifferences(d: Difference[]): string {
  return d.map((x) => `${x.key}: ${x.problem}${x.fields ? ` (${x.fields.slice(0, 8).join(', ')}${x.fields.length > 8 ? ', …' : ''})` : ''}\n`).join('');
}

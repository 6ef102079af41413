import { resourceOfKind, type KubeObject } from '@kubesim/api';

/** One requirement of a label or field selector. */
export type Requirement =
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!exists'; key: string };

export class SelectorError extends Error {}

/** Splits on commas that are not inside parentheses. */
function terms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

/** `app=web,tier!=db,env in (a,b),!legacy,track` — the label selector syntax. */
export function parseLabelSelector(s: string): Requirement[] {
  return terms(s).map((t) => {
    let m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t);
    if (m) return { op: m[2] as 'in' | 'notin', key: m[1], values: m[3].split(',').map((v) => v.trim()).filter(Boolean) };
    m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(t);
    if (m) return { op: m[2] === '!=' ? '!=' : '=', key: m[1], value: m[3] };
    m = /^!\s*([^\s!=(),]+)$/.exec(t);
    if (m) return { op: '!exists', key: m[1] };
    m = /^([^\s!=(),]+)$/.exec(t);
    if (m) return { op: 'exists', key: m[1] };
    throw new SelectorError(`unable to parse requirement: found '${t}', expected: key, '=', '!=', 'in', 'notin' or '!'`);
  });
}

/** `spec.nodeName=node-1,status.phase!=Running` — only `=`, `==` and `!=`. */
export function parseFieldSelector(s: string): Requirement[] {
  return terms(s).map((t) => {
    const m = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(t);
    if (!m) throw new SelectorError(`invalid selector: '${t}'; can't understand '${t}'`);
    return { op: m[2] === '!=' ? '!=' : '=', key: m[1], value: m[3] };
  });
}

/**
 * `get` returns undefined when the key is absent. As in k8s.io/apimachinery's labels: `k=v` needs
 * the key (so `k=` does not match an object without `k`), `k!=v` matches an object without it.
 * Selectable fields always have a value ('' when unset), so `spec.nodeName=` finds unbound pods.
 */
export function matches(reqs: Requirement[], get: (key: string) => string | undefined): boolean {
  return reqs.every((r) => {
    const v = get(r.key);
    switch (r.op) {
      case '=':
        return v !== undefined && v === r.value;
      case '!=':
        return v === undefined || v !== r.value;
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case 'exists':
        return v !== undefined;
      case '!exists':
        return v === undefined;
      default: {
        const _exhaustive: never = r;
        return _exhaustive;
      }
    }
  });
}

/** Field getter for `o`, or undefined when the kind does not support that field. */
export function fieldOf(o: KubeObject, field: string): string | undefined {
  if (field === 'metadata.name') return o.metadata.name;
  if (field === 'metadata.namespace') return o.metadata.namespace ?? '';
  const f = resourceOfKind(o.kind)?.selectableFields?.[field];
  return f ? f(o) : undefined;
}

export function isSelectableField(kind: string, field: string): boolean {
  return field === 'metadata.name' || field === 'metadata.namespace' || Boolean(resourceOfKind(kind)?.selectableFields?.[field]);
}

/** A metav1.LabelSelector as requirements; an empty selector selects everything. */
export function labelSelectorRequirements(s: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): Requirement[] {
  const out: Requirement[] = Object.entries(s?.matchLabels ?? {}).map(([key, value]) => ({ op: '=', key, value }));
  for (const e of s?.matchExpressions ?? []) {
    if (e.operator === 'In') out.push({ op: 'in', key: e.key, values: e.values ?? [] });
    else if (e.operator === 'NotIn') out.push({ op: 'notin', key: e.key, values: e.values ?? [] });
    else if (e.operator === 'Exists') out.push({ op: 'exists', key: e.key });
    else out.push({ op: '!exists', key: e.key });
  }
  return out;
}

/** True when `labels` satisfy the metav1.LabelSelector `s`. */
export function selectorMatches(s: Parameters<typeof labelSelectorRequirements>[0], labels: Record<string, string> | undefined): boolean {
  return matches(labelSelectorRequirements(s), (k) => labels?.[k]);
}

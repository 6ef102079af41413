import type { LabelSelector } from '@kubesim/api';

/** metav1.FormatLabelSelector: `app=nginx,tier in (a,b)`; `<none>` when empty. */
export function formatLabelSelector(s: LabelSelector | undefined): string {
  if (!s) return '<none>';
  const parts = Object.entries(s.matchLabels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

/** A plain label map (`nodeSelector`, a Service's selector): `k=v,k2=v2`; `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined): string {
  const parts = Object.entries(m ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '<none>';
}

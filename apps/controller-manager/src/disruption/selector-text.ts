import type { LabelSelector } from '@kubesim/api';

/** How Go's `%v` prints a *metav1.LabelSelector (its generated String()), as the UnmanagedPods event shows it. */
export function formatLabelSelector(s: LabelSelector | null | undefined): string {
  if (!s) return 'nil';
  const labels = Object.keys(s.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${s.matchLabels![k]},`)
    .join('');
  const expressions = (s.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}

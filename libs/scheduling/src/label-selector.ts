import { PodLabelSelector } from '@kubesim/api';
import { matchesRequirement } from './node-selector';

/**
 * metav1.LabelSelector semantics as the scheduler's pod-to-pod plugins use them: an absent
 * selector selects nothing (upstream `LabelSelectorAsSelector(nil)`), `{}` selects everything.
 */
export function labelSelectorMatches(selector: PodLabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const set = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (set[k] !== v) return false;
  return (selector.matchExpressions ?? []).every((e) => matchesRequirement(e, set));
}

/** The label every namespace carries with its own name (kube-apiserver sets it). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

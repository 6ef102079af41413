import { PodLabelSelector } from '@kubesim/api';
import { selectorMatches } from '@kubesim/core';

/**
 * metav1.LabelSelector semantics as the scheduler's pod-to-pod plugins use them: an absent
 * selector selects nothing (upstream `LabelSelectorAsSelector(nil)`), `{}` selects everything.
 */
export function labelSelectorMatches(selector: PodLabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  return selector !== undefined && selectorMatches(selector, labels);
}

/** The label every namespace carries with its own name (kube-apiserver sets it). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

import { PodLabelSelector } from '@kubesim/api';
import { labelSelectorRequirements, Requirement } from '@kubesim/core';

const compiled = new WeakMap<PodLabelSelector, Requirement[]>();

/**
 * metav1.LabelSelector semantics as the scheduler's pod-to-pod plugins use them: an absent
 * selector selects nothing (upstream `LabelSelectorAsSelector(nil)`), `{}` selects everything.
 * Same answers as core's `selectorMatches`; the selector is turned into requirements once per
 * selector object, since a cycle matches one selector against every pod of the cluster.
 */
export function labelSelectorMatches(selector: PodLabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (selector === undefined) return false;
  let reqs = compiled.get(selector);
  if (!reqs) compiled.set(selector, (reqs = labelSelectorRequirements(selector)));
  for (const r of reqs) {
    const v = labels?.[r.key];
    switch (r.op) {
      case '=':
        if (v === undefined || v !== r.value) return false;
        break;
      case '!=':
        if (!(v === undefined || v !== r.value)) return false;
        break;
      case 'in':
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case 'notin':
        if (!(v === undefined || !r.values.includes(v))) return false;
        break;
      case 'exists':
        if (v === undefined) return false;
        break;
      case '!exists':
        if (v !== undefined) return false;
        break;
      default: {
        const _exhaustive: never = r;
        return _exhaustive;
      }
    }
  }
  return true;
}

/** The label every namespace carries with its own name (kube-apiserver sets it). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

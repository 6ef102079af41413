import type { KubeObject } from '@kubesim/api';
import type { ClusterView } from '@kubesim/core';
import type { Attributes, MutatingPlugin, ValidatingPlugin } from './admission';
import { forbidden } from './forbidden';
import { applyLimitRangeDefaults } from './limit-ranger.defaults';
import { claimLimitRangeViolations, limitRangeViolations } from './limit-ranger.checks';

/** The namespace's LimitRanges, by name. */
function limitRangesOf(view: ClusterView, namespace: string): KubeObject[] {
  return [...view.list('LimitRange')].filter((l) => l.metadata.namespace === namespace).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/** LimitRanger applies to pod creates only (updates are skipped, the resize subresource is not served). */
const applies = (a: Attributes) => a.operation === 'CREATE' && a.kind === 'Pod';

/** LimitRanger's mutating half: requests and limits defaulted from the namespace's `Container` items. */
export const limitRangerDefaults: MutatingPlugin = {
  name: 'LimitRanger',
  admit(a, view) {
    if (!applies(a)) return a.object;
    return limitRangesOf(view, a.namespace).reduce<Record<string, any>>((pod, lr) => applyLimitRangeDefaults(pod, lr), a.object);
  },
};

/**
 * LimitRanger's validating half: min, max and maxLimitRequestRatio per container and per pod
 * (and a claim's requested storage against `PersistentVolumeClaim` items), a
 * 403 with every violation (`[e1, e2]` when several, as utilerrors.NewAggregate prints them).
 */
export const limitRangerValidation: ValidatingPlugin = {
  name: 'LimitRanger',
  validate(a, view) {
    const claim = a.operation === 'CREATE' && a.kind === 'PersistentVolumeClaim';
    if (!applies(a) && !claim) return;
    const errs = limitRangesOf(view, a.namespace).flatMap((lr) => (claim ? claimLimitRangeViolations(a.object, lr) : limitRangeViolations(a.object, lr)));
    if (errs.length) throw forbidden(a, errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
  },
};

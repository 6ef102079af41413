import type { StatusCause } from '../types';
import { invalid, required, unsupported } from '../field-causes';

type Obj = Record<string, any>;
const GROUP = 'rbac.authorization.k8s.io';
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** rbac/validation's ValidatePolicyRule, with upstream's messages. */
export function policyRuleCauses(rule: Obj, namespaced: boolean, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return [invalid(path, rule, 'must be an object')];
  for (const f of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs']) {
    const v = rule[f];
    if (v != null && (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))) causes.push(invalid(`${path}.${f}`, v, 'must be a list of strings'));
  }
  if (causes.length) return causes;
  if (list(rule.verbs).length === 0) causes.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  const urls = list(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) causes.push(invalid(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (list(rule.apiGroups).length || list(rule.resources).length || list(rule.resourceNames).length) causes.push(invalid(`${path}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    return causes;
  }
  if (list(rule.apiGroups).length === 0) causes.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (list(rule.resources).length === 0) causes.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return causes;
}

function rulesCauses(o: Obj, namespaced: boolean): StatusCause[] {
  if (o.rules != null && !Array.isArray(o.rules)) return [invalid('rules', o.rules, 'must be a list')];
  return list(o.rules).flatMap((r, i) => policyRuleCauses(r as Obj, namespaced, `rules[${i}]`));
}

/** ValidateRoleBindingSubject. */
function subjectCauses(s: Obj, namespaced: boolean, path: string): StatusCause[] {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return [invalid(path, s, 'must be an object')];
  const causes: StatusCause[] = [];
  if (!s.name) causes.push(required(`${path}.name`));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.apiGroup) causes.push(unsupported(`${path}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) causes.push(required(`${path}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== GROUP) causes.push(unsupported(`${path}.apiGroup`, s.apiGroup ?? '', [GROUP]));
      break;
    default:
      causes.push(unsupported(`${path}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return causes;
}

function bindingCauses(o: Obj, old: Obj | undefined, namespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const ref = o.roleRef;
  if (!ref || typeof ref !== 'object' || Array.isArray(ref)) {
    causes.push(required('roleRef'));
  } else {
    if (ref.apiGroup !== GROUP) causes.push(unsupported('roleRef.apiGroup', ref.apiGroup ?? '', [GROUP]));
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (!kinds.includes(ref.kind)) causes.push(unsupported('roleRef.kind', ref.kind ?? '', kinds));
    if (!ref.name) causes.push(required('roleRef.name'));
    if (old?.roleRef && JSON.stringify(old.roleRef) !== JSON.stringify(ref)) causes.push(invalid('roleRef', ref, 'cannot change roleRef'));
  }
  if (o.subjects != null && !Array.isArray(o.subjects)) causes.push(invalid('subjects', o.subjects, 'must be a list'));
  else list(o.subjects).forEach((s, i) => causes.push(...subjectCauses(s as Obj, namespaced, `subjects[${i}]`)));
  return causes;
}

/** The strategies of the four RBAC kinds (plain-strategies.ts registers them). */
export const roleStrategy = { validate: (o: Obj) => rulesCauses(o, true) };
export const clusterRoleStrategy = { validate: (o: Obj) => rulesCauses(o, false) };
export const roleBindingStrategy = { validate: (o: Obj, old?: Obj) => bindingCauses(o, old, true) };
export const clusterRoleBindingStrategy = { validate: (o: Obj, old?: Obj) => bindingCauses(o, old, false) };

import { authorize, rulesFor, type RbacPolicy, type RequestAttributes, type UserInfo, type StatusCause } from '@kubesim/api';
import { invalidStatus, StatusError } from '../http/status';

type Obj = Record<string, any>;
const required = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueRequired', message: `Required value: ${detail}`, field });
const invalid = (field: string, value: unknown, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${detail}`, field });

/** authentication.k8s.io/v1 SelfSubjectReview: `kubectl auth whoami`. */
export function selfSubjectReview(user: UserInfo, body: Obj) {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { ...(body.metadata ?? {}), creationTimestamp: null },
    status: { userInfo: { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups, ...(user.extra ? { extra: user.extra } : {}) } },
  };
}

/** authorization.k8s.io/v1 SelfSubjectAccessReview: `kubectl auth can-i VERB RESOURCE`. */
export function selfSubjectAccessReview(policy: RbacPolicy, user: UserInfo, body: Obj) {
  const spec: Obj = body.spec && typeof body.spec === 'object' ? body.spec : {};
  const ra = spec.resourceAttributes as Obj | undefined;
  const nra = spec.nonResourceAttributes as Obj | undefined;
  const causes: StatusCause[] = [];
  if (!ra && !nra) causes.push(required('spec.resourceAttributes', 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  if (ra && nra) causes.push(invalid('spec.nonResourceAttributes', nra, 'cannot be specified in combination with resourceAttributes'));
  if (causes.length) throw new StatusError(invalidStatus('SelfSubjectAccessReview', '', causes, 'authorization.k8s.io'));
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  const attrs: RequestAttributes = ra
    ? { kind: 'resource', verb: s(ra.verb), apiGroup: s(ra.group), apiVersion: s(ra.version), resource: s(ra.resource), subresource: s(ra.subresource), namespace: s(ra.namespace), name: s(ra.name) }
    : { kind: 'nonResource', verb: s(nra!.verb), path: s(nra!.path) };
  const d = authorize(policy, user, attrs);
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { ...(body.metadata ?? {}), creationTimestamp: null },
    spec,
    status: { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) },
  };
}

/** authorization.k8s.io/v1 SelfSubjectRulesReview: `kubectl auth can-i --list`. */
export function selfSubjectRulesReview(policy: RbacPolicy, user: UserInfo, body: Obj) {
  const namespace = typeof body.spec?.namespace === 'string' ? body.spec.namespace : '';
  const rules = rulesFor(policy, user, namespace);
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { ...(body.metadata ?? {}), creationTimestamp: null },
    spec: { namespace },
    status: {
      resourceRules: rules.filter((r) => !r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs, ...(r.apiGroups ? { apiGroups: r.apiGroups } : {}), ...(r.resources ? { resources: r.resources } : {}), ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}) })),
      nonResourceRules: rules.filter((r) => r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
      incomplete: false,
    },
  };
}

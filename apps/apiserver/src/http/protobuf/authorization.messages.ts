import { field, msg, opaque, ptr, str, strs, type MessageSpec } from './field-spec';

/**
 * k8s.io/api/authorization/v1 and authentication/v1 `generated.proto`: the reviews `kubectl auth
 * can-i` and `kubectl auth whoami` send (kubectl's typed clients speak protobuf).
 */
export const AUTHORIZATION_MESSAGES: Record<string, MessageSpec> = {
  SelfSubjectAccessReview: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'SelfSubjectAccessReviewSpec'), 3: msg('status', 'SubjectAccessReviewStatus') },
  SelfSubjectAccessReviewSpec: { 1: msg('resourceAttributes', 'ResourceAttributes'), 2: msg('nonResourceAttributes', 'NonResourceAttributes') },
  ResourceAttributes: { 1: str('namespace'), 2: str('verb'), 3: str('group'), 4: str('version'), 5: str('resource'), 6: str('subresource'), 7: str('name'), 8: opaque('fieldSelector', 'FieldSelectorAttributes'), 9: opaque('labelSelector', 'LabelSelectorAttributes') },
  NonResourceAttributes: { 1: str('path'), 2: str('verb') },
  SubjectAccessReviewStatus: { 1: field('allowed', 'bool'), 2: str('reason'), 3: str('evaluationError'), 4: field('denied', 'bool') },
  SelfSubjectRulesReview: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'SelfSubjectRulesReviewSpec'), 3: msg('status', 'SubjectRulesReviewStatus') },
  SubjectRulesReviewStatus: { 1: opaque('resourceRules', 'ResourceRule', { repeated: true }), 2: opaque('nonResourceRules', 'NonResourceRule', { repeated: true }), 3: field('incomplete', 'bool'), 4: str('evaluationError') },
  SelfSubjectRulesReviewSpec: { 1: str('namespace') },
  TokenRequest: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'TokenRequestSpec'), 3: msg('status', 'TokenRequestStatus') },
  TokenRequestSpec: { 1: strs('audiences'), 3: msg('boundObjectRef', 'BoundObjectReference'), 4: ptr('expirationSeconds', 'int64') },
  BoundObjectReference: { 1: str('kind'), 2: str('apiVersion'), 3: str('name'), 4: str('uid') },
  TokenRequestStatus: { 1: str('token'), 2: field('expirationTimestamp', 'time') },
  SelfSubjectReview: { 1: msg('metadata', 'ObjectMeta'), 2: msg('status', 'SelfSubjectReviewStatus') },
  SelfSubjectReviewStatus: { 1: msg('userInfo', 'UserInfo') },
  UserInfo: { 1: str('username'), 2: str('uid'), 3: strs('groups'), 4: opaque('extra', 'UserInfo.ExtraEntry', { repeated: true }) },
};

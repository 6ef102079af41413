import { field, msg, msgs, ptr, str, strs, type MessageSpec } from './field-spec';

/**
 * k8s.io/api/core/v1 `generated.proto`: the kinds `kubectl create configmap|secret|serviceaccount|quota`
 * send.
 */
export const CONFIG_MESSAGES: Record<string, MessageSpec> = {
  ConfigMap: { 1: msg('metadata', 'ObjectMeta'), 2: field('data', { map: 'string' }), 3: field('binaryData', { map: 'bytes' }), 4: ptr('immutable', 'bool') },
  Secret: { 1: msg('metadata', 'ObjectMeta'), 2: field('data', { map: 'bytes' }), 3: str('type'), 4: field('stringData', { map: 'string' }), 5: ptr('immutable', 'bool') },
  ServiceAccount: { 1: msg('metadata', 'ObjectMeta'), 2: msgs('secrets', 'ObjectReference'), 3: msgs('imagePullSecrets', 'LocalObjectReference'), 4: ptr('automountServiceAccountToken', 'bool') },
  ObjectReference: { 1: str('kind'), 2: str('namespace'), 3: str('name'), 4: str('uid'), 5: str('apiVersion'), 6: str('resourceVersion'), 7: str('fieldPath') },
  ResourceQuota: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'ResourceQuotaSpec'), 3: msg('status', 'ResourceQuotaStatus') },
  ResourceQuotaSpec: { 1: field('hard', { map: 'quantity' }), 2: strs('scopes'), 3: msg('scopeSelector', 'ScopeSelector') },
  ResourceQuotaStatus: { 1: field('hard', { map: 'quantity' }), 2: field('used', { map: 'quantity' }) },
  ScopeSelector: { 1: msgs('matchExpressions', 'ScopedResourceSelectorRequirement') },
  ScopedResourceSelectorRequirement: { 1: str('scopeName'), 2: str('operator'), 3: strs('values') },
};

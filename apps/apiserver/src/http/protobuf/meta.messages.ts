import { field, msgs, opaque, ptr, str, strs, type MessageSpec } from './field-spec';

/** k8s.io/apimachinery/pkg/apis/meta/v1 `generated.proto`. */
export const META_MESSAGES: Record<string, MessageSpec> = {
  ObjectMeta: {
    1: str('name'),
    2: str('generateName'),
    3: str('namespace'),
    4: str('selfLink'),
    5: str('uid'),
    6: str('resourceVersion'),
    7: field('generation', 'int64'),
    8: field('creationTimestamp', 'time'),
    9: field('deletionTimestamp', 'time'),
    10: ptr('deletionGracePeriodSeconds', 'int64'),
    11: field('labels', { map: 'string' }),
    12: field('annotations', { map: 'string' }),
    13: msgs('ownerReferences', 'OwnerReference'),
    14: strs('finalizers'),
    17: opaque('managedFields', 'ManagedFieldsEntry', { repeated: true }),
  },
  OwnerReference: {
    1: str('kind'),
    3: str('name'),
    4: str('uid'),
    5: str('apiVersion'),
    6: ptr('controller', 'bool'),
    7: ptr('blockOwnerDeletion', 'bool'),
  },
  LabelSelector: {
    1: field('matchLabels', { map: 'string' }),
    2: msgs('matchExpressions', 'LabelSelectorRequirement'),
  },
  LabelSelectorRequirement: { 1: str('key'), 2: str('operator'), 3: strs('values') },
  Condition: {
    1: str('type'),
    2: str('status'),
    3: field('observedGeneration', 'int64'),
    4: field('lastTransitionTime', 'time'),
    5: str('reason'),
    6: str('message'),
  },
  LocalObjectReference: { 1: str('name') },
};

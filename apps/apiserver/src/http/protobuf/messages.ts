/**
 * The protobuf field numbers of the Kubernetes messages kubesim decodes (k8s.io/api
 * `generated.proto`): what kubectl's typed clients send as `application/vnd.kubernetes.protobuf`
 * (`kubectl create namespace`). A field is a scalar, a nested message, a list or a map.
 */
export type FieldType = 'string' | 'int32' | 'int64' | 'bool' | 'time' | { message: string } | { map: 'string' };
export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
}
export type MessageSpec = Record<number, FieldSpec>;

export const MESSAGES: Record<string, MessageSpec> = {
  ObjectMeta: {
    1: { name: 'name', type: 'string' },
    2: { name: 'generateName', type: 'string' },
    3: { name: 'namespace', type: 'string' },
    4: { name: 'selfLink', type: 'string' },
    5: { name: 'uid', type: 'string' },
    6: { name: 'resourceVersion', type: 'string' },
    7: { name: 'generation', type: 'int64' },
    8: { name: 'creationTimestamp', type: 'time' },
    9: { name: 'deletionTimestamp', type: 'time' },
    10: { name: 'deletionGracePeriodSeconds', type: 'int64' },
    11: { name: 'labels', type: { map: 'string' } },
    12: { name: 'annotations', type: { map: 'string' } },
    13: { name: 'ownerReferences', type: { message: 'OwnerReference' }, repeated: true },
    14: { name: 'finalizers', type: 'string', repeated: true },
  },
  OwnerReference: {
    1: { name: 'kind', type: 'string' },
    3: { name: 'name', type: 'string' },
    4: { name: 'uid', type: 'string' },
    5: { name: 'apiVersion', type: 'string' },
    6: { name: 'controller', type: 'bool' },
    7: { name: 'blockOwnerDeletion', type: 'bool' },
  },
  Namespace: {
    1: { name: 'metadata', type: { message: 'ObjectMeta' } },
    2: { name: 'spec', type: { message: 'NamespaceSpec' } },
    3: { name: 'status', type: { message: 'NamespaceStatus' } },
  },
  NamespaceSpec: { 1: { name: 'finalizers', type: 'string', repeated: true } },
  NamespaceStatus: { 1: { name: 'phase', type: 'string' } },
};

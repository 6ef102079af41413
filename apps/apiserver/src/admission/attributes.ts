import { resourceOfKind, type KubeObject } from '@kubesim/api';
import type { Attributes, Operation } from './admission';

/** The attributes of a write of `object` (a kind the resource table declares) in `namespace`. */
export function attributesOf(operation: Operation, kind: string, namespace: string, object: Record<string, any>, old?: KubeObject): Attributes {
  const decl = resourceOfKind(kind);
  return { operation, kind, resource: decl?.plural ?? `${kind.toLowerCase()}s`, group: decl?.group ?? '', namespace: decl?.namespaced === false ? '' : namespace, object, old };
}

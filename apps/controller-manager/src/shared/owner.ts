import type { OwnerReference } from '@kubesim/api';

/** The controller reference a controller puts on what it creates (controller and blockOwnerDeletion true). */
export function ownerReference(rs: { apiVersion: string; kind: string; metadata: { name: string; uid: string } }): OwnerReference {
  return { apiVersion: rs.apiVersion, kind: rs.kind, name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true };
}

export interface ReconcileContext {
  now: number;
  timeScale: number;
  /** Five random characters per pod to create (upstream's generateName suffix). */
  suffix: () => string;
}

import { resourceOfKind, type OwnerReference, type Pod } from '@kubesim/api';
import { controllerOf } from '../shared/pod-state';

/** What the reconcile may look up: an object of the namespace by kind and name. */
export type Lookup = (kind: string, namespace: string, name: string) => { metadata: { uid: string; ownerReferences?: OwnerReference[] }; spec?: { replicas?: number } } | undefined;

export interface ExpectedScale {
  expectedCount: number;
  /** Pods without a controller: not counted, warned about (UnmanagedPods). */
  unmanagedPods: string[];
}

/** Thrown when a pod's controller cannot be found (upstream's getExpectedScale error). */
export class ExpectedScaleError extends Error {}

interface ControllerAndScale {
  uid: string;
  scale: number;
}

const scaleOf = (o: { spec?: { replicas?: number } }) => o.spec?.replicas ?? 1;

/**
 * The disruption controller's finders, in upstream's order: a ReplicationController, a Deployment
 * through its ReplicaSet, a ReplicaSet of no Deployment, a StatefulSet, else any kind with a
 * `scale` subresource.
 */
function findController(ref: OwnerReference, namespace: string, lookup: Lookup): ControllerAndScale | undefined {
  const owner = lookup(ref.kind, namespace, ref.name);
  if (!owner || owner.metadata.uid !== ref.uid) return undefined;
  if (ref.kind === 'ReplicaSet') {
    const depRef = controllerOf(owner);
    if (depRef?.kind === 'Deployment') {
      const dep = lookup('Deployment', namespace, depRef.name);
      if (dep && dep.metadata.uid === depRef.uid) return { uid: dep.metadata.uid, scale: scaleOf(dep) };
    }
    return { uid: owner.metadata.uid, scale: scaleOf(owner) };
  }
  if (ref.kind === 'ReplicationController' || ref.kind === 'StatefulSet' || resourceOfKind(ref.kind)?.subresources?.includes('scale')) return { uid: owner.metadata.uid, scale: scaleOf(owner) };
  return undefined;
}

/** getExpectedScale: the sum of the scales of the pods' controllers, each counted once. */
export function expectedScale(pods: readonly Pod[], lookup: Lookup): ExpectedScale {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (!ref) {
      unmanagedPods.push(pod.metadata.name);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = findController(ref, pod.metadata.namespace, lookup);
    if (!found) throw new ExpectedScaleError(`found no controllers for pod "${pod.metadata.name}"`);
    scales.set(found.uid, found.scale);
  }
  return { expectedCount: [...scales.values()].reduce((a, b) => a + b, 0), unmanagedPods };
}

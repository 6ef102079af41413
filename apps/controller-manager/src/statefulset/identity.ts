import { CONTROLLER_REVISION_HASH, POD_INDEX, STATEFULSET_POD_NAME, type PersistentVolumeClaim, type Pod, type PodTemplateSpec, type StatefulSet, type WrittenObject } from '@kubesim/api';
import { ownerReference } from '../shared/owner';

type Volume = { name: string; [source: string]: unknown };

/** The first ordinal (`spec.ordinals.start`, 0 by default). */
export const startOrdinal = (set: StatefulSet) => set.spec.ordinals?.start ?? 0;

/** `web-0`: the sticky name of ordinal 0. */
export const podName = (set: StatefulSet, ordinal: number) => `${set.metadata.name}-${ordinal}`;

/** getOrdinal: the ordinal in a pod's name (`web-12` → 12), -1 when the name is not one of the set's. */
export function ordinalOf(set: StatefulSet, pod: Pod): number {
  const prefix = `${set.metadata.name}-`;
  const rest = pod.metadata.name.startsWith(prefix) ? pod.metadata.name.slice(prefix.length) : '';
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>` (`www-web-0`). */
export const claimName = (template: string, set: StatefulSet, ordinal: number) => `${template}-${podName(set, ordinal)}`;

/** getPersistentVolumeClaims: the claims of one ordinal, labels = the template's plus the set's matchLabels. */
export function claimsFor(set: StatefulSet, ordinal: number): WrittenObject[] {
  return (set.spec.volumeClaimTemplates ?? []).map((t) => {
    const { status: _s, ...claim } = structuredClone(t) as PersistentVolumeClaim;
    const retainOnDelete = set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted !== 'Delete';
    return {
      ...claim,
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...(({ creationTimestamp: _c, ...m }) => m)(claim.metadata ?? {}),
        name: claimName(t.metadata.name, set, ordinal),
        namespace: set.metadata.namespace,
        labels: { ...(claim.metadata?.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) },
        // whenDeleted Delete: the StatefulSet owns the claim, so the garbage collector removes it with the set.
        ...(retainOnDelete ? {} : { ownerReferences: [{ ...ownerReference(set), controller: true }] }),
      },
    };
  });
}

/**
 * newVersionedStatefulSetPod: the pod of `ordinal` from a revision's template — name, hostname and
 * subdomain, the identity labels, the claims as its volumes (first, as updateStorage orders them),
 * owned by the set.
 */
export function newPod(set: StatefulSet, template: PodTemplateSpec, revisionName: string, ordinal: number): WrittenObject {
  const name = podName(set, ordinal);
  const claimVolumes: Volume[] = (set.spec.volumeClaimTemplates ?? []).map((t) => ({ name: t.metadata.name, persistentVolumeClaim: { claimName: claimName(t.metadata.name, set, ordinal) } }));
  const claimed = new Set(claimVolumes.map((v) => v.name));
  const spec = structuredClone(template.spec);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), [STATEFULSET_POD_NAME]: name, [POD_INDEX]: String(ordinal), [CONTROLLER_REVISION_HASH]: revisionName },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [ownerReference(set)],
    },
    spec: {
      ...spec,
      ...(claimVolumes.length || spec.volumes ? { volumes: [...claimVolumes, ...((spec.volumes as Volume[] | undefined) ?? []).filter((v) => !claimed.has(v.name))] } : {}),
      hostname: name,
      ...(set.spec.serviceName ? { subdomain: set.spec.serviceName } : {}),
    },
  };
}

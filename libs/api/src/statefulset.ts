import type { ObjectMeta } from './types';
import type { LabelSelector, PlainObject, PodTemplateSpec, WorkloadCondition } from './workloads';

type Namespaced = ObjectMeta & { namespace: string };

/** apps/v1 label names a StatefulSet puts on its pods (api: apps/v1/types.go). */
export const STATEFULSET_POD_NAME = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX = 'apps.kubernetes.io/pod-index';
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

export type PodManagementPolicy = 'OrderedReady' | 'Parallel';
export type ClaimRetention = 'Retain' | 'Delete';

export interface StatefulSetSpec {
  replicas: number;
  selector: LabelSelector;
  serviceName?: string;
  template: PodTemplateSpec;
  volumeClaimTemplates?: PlainObject<'PersistentVolumeClaim'>[];
  podManagementPolicy: PodManagementPolicy;
  updateStrategy: { type: 'RollingUpdate'; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } } | { type: 'OnDelete' };
  revisionHistoryLimit: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy: { whenDeleted: ClaimRetention; whenScaled: ClaimRetention };
  ordinals?: { start?: number };
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  availableReplicas: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: WorkloadCondition[];
}

export interface StatefulSet {
  apiVersion: 'apps/v1';
  kind: 'StatefulSet';
  metadata: Namespaced;
  spec: StatefulSetSpec;
  status: StatefulSetStatus;
}

/** apps/v1 ControllerRevision: an immutable snapshot of a controller's template, numbered. */
export interface ControllerRevision {
  apiVersion: 'apps/v1';
  kind: 'ControllerRevision';
  metadata: Namespaced;
  data?: Record<string, unknown>;
  revision: number;
}

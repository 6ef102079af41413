import type { ObjectMeta, PodSpec } from './types';
import { GENERIC_STORED_KINDS, isCustomKind, type GenericStoredKind } from './resources/registry';

/** metav1.LabelSelector */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface PodTemplateSpec {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  spec: PodSpec;
}

type Namespaced = ObjectMeta & { namespace: string };

export interface WorkloadCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime?: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSet {
  apiVersion: 'apps/v1';
  kind: 'ReplicaSet';
  metadata: Namespaced;
  spec: { replicas: number; selector: LabelSelector; template: PodTemplateSpec; minReadySeconds?: number };
  status: {
    replicas: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
    conditions?: WorkloadCondition[];
  };
}

export interface RollingUpdateDeployment {
  maxSurge?: number | string;
  maxUnavailable?: number | string;
}

export interface Deployment {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
  metadata: Namespaced;
  spec: {
    replicas: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    strategy: { type: 'RollingUpdate' | 'Recreate'; rollingUpdate?: RollingUpdateDeployment };
    minReadySeconds: number;
    revisionHistoryLimit: number;
    progressDeadlineSeconds: number;
    paused?: boolean;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: WorkloadCondition[];
  };
}

export interface DaemonSet {
  apiVersion: 'apps/v1';
  kind: 'DaemonSet';
  metadata: Namespaced;
  spec: {
    selector: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy: { type: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit: number;
  };
  status: {
    currentNumberScheduled: number;
    numberMisscheduled: number;
    desiredNumberScheduled: number;
    numberReady: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    numberUnavailable?: number;
    observedGeneration?: number;
  };
}

export interface ServicePort {
  name?: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  targetPort: number | string;
  nodePort?: number;
  appProtocol?: string;
}

export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: Namespaced;
  spec: {
    type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
    selector?: Record<string, string>;
    ports: ServicePort[];
    clusterIP: string;
    clusterIPs: string[];
    sessionAffinity: 'None' | 'ClientIP';
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    internalTrafficPolicy?: string;
    [key: string]: unknown;
  };
  status: { loadBalancer: Record<string, unknown> };
}

/** A kind served by generic storage with no typed interface here: its fields as stored. */
export interface PlainObject<K extends string = string> {
  apiVersion: string;
  kind: K;
  metadata: ObjectMeta;
  [field: string]: any;
}

/** The generically stored kinds that have no interface of their own (ConfigMap, Secret, …). */
export type PlainKind = Exclude<GenericStoredKind, 'Service' | 'ReplicaSet' | 'Deployment' | 'DaemonSet'>;

/** Kinds stored generically (created, updated, status-updated and deleted as whole objects). */
export type GenericObject = Service | ReplicaSet | Deployment | DaemonSet | PlainObject<PlainKind>;
export type GenericKind = GenericObject['kind'];
/** Derived from the resource table: every resource with `storage: 'generic'`. */
export const GENERIC_KINDS: readonly GenericKind[] = GENERIC_STORED_KINDS;
const GENERIC = new Set<string>(GENERIC_KINDS);
/** A generically stored kind: built in, or served by a CustomResourceDefinition now. */
export const isGenericKind = (k: string): k is GenericKind => GENERIC.has(k) || isCustomKind(k);

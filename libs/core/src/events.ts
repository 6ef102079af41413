import type { Kind, ManagedFieldsEntry, NodeProcessOptions, GenericKind, GenericObject, KubeEvent, Namespace, NamespaceCondition, OwnerReference, Toleration, Node, NodeCondition, NodeSpec, NodeStatus, Pod, PodCondition, PodPhase, PodStatus } from '@kubesim/api';

/** Version of the log's record schema. A record with another version is refused on read. */
export const SCHEMA_VERSION = 1;

/** Every event says when it happened, which component caused it and, where known, why. */
export interface EventMeta {
  /** RFC 3339 wall-clock time. */
  at: string;
  /** Who caused it: `apiserver`, a REST user agent, or the identity of the NATS subject a component wrote on: `system:node:node-1`, `system:kube-scheduler`, `system:serviceaccount:kube-system:node-controller`, `user:kubesim`. */
  by: string;
  /** Free text cause a replay can print ("node-2 lease expired", "container app exited with 1"). */
  cause?: string;
}

interface PodRef {
  namespace: string;
  name: string;
}

/** Domain facts, one union: the only things that ever change the cluster. */
export type ClusterEvent = EventMeta &
  (
    | { type: 'NamespaceCreated'; namespace: Namespace }
    /** The first DELETE: phase Terminating and the deletionTimestamp. */
    | { type: 'NamespaceDeletionRequested'; name: string; deletionTimestamp: string }
    | { type: 'NamespaceConditionsSet'; name: string; conditions: NamespaceCondition[] }
    /** `spec.finalizers` after a finalize call. */
    | { type: 'NamespaceFinalized'; name: string; finalizers: string[] }
    /** Removed: terminating with no finalizer left. */
    | { type: 'NamespaceDeleted'; name: string }
    | { type: 'PodCreated'; pod: Pod }
    | ({
        type: 'PodMetadataUpdated';
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
        /** Absent = unchanged (adoption and orphaning set it). */
        ownerReferences?: OwnerReference[];
      } & PodRef)
    | ({ type: 'PodTolerationsUpdated'; tolerations: Toleration[] } & PodRef)
    | ({ type: 'PodImagesUpdated'; images: Record<string, string> } & PodRef)
    /** Scheduling gates removed by an update (they can only go): the ones left, none = schedulable. */
    | ({ type: 'PodSchedulingGatesUpdated'; schedulingGates: { name: string }[] } & PodRef)
    | ({ type: 'PodBound'; node: string } & PodRef)
    | ({ type: 'PodConditionSet'; condition: PodCondition } & PodRef)
    | ({ type: 'PodStatusReported'; status: PodStatus } & PodRef)
    | ({ type: 'PodPhaseChanged'; from: PodPhase | null; to: PodPhase; reason: string; node?: string } & PodRef)
    | ({ type: 'PodDeletionRequested'; deletionTimestamp: string; gracePeriodSeconds: number } & PodRef)
    | ({ type: 'PodDeleted'; phase: PodPhase; node?: string } & PodRef)
    | { type: 'NodeRegistered'; node: Node }
    | { type: 'NodeStatusReported'; name: string; status: NodeStatus }
    | { type: 'NodeSpecChanged'; name: string; spec: NodeSpec }
    | { type: 'NodeMetadataUpdated'; name: string; labels?: Record<string, string>; annotations?: Record<string, string> }
    | { type: 'NodeConditionChanged'; name: string; condition: NodeCondition }
    | { type: 'NodeDeleted'; name: string }
    | { type: 'EventRecorded'; event: KubeEvent }
    /** The Event outlived the apiserver's event TTL (`--event-ttl`, 1 h) since it was last seen. */
    | { type: 'EventExpired'; namespace: string; name: string }
    /** Deleted with its namespace (the namespace controller's last step). */
    | { type: 'EventDeleted'; namespace: string; name: string }
    // Kinds stored as whole objects (Service, ReplicaSet, Deployment, DaemonSet):
    | { type: 'ObjectCreated'; object: GenericObject }
    | { type: 'ObjectUpdated'; object: GenericObject }
    | { type: 'ObjectStatusUpdated'; kind: GenericKind; namespace: string; name: string; status: GenericObject['status'] }
    | { type: 'ObjectDeleted'; kind: GenericKind; namespace: string; name: string }
    /**
     * `metadata.managedFields` after a write (server-side apply's field ownership), recorded with the
     * write's other events. An entry without `fieldsV1` kept its fields (only its time moved).
     */
    | { type: 'ManagedFieldsUpdated'; kind: Kind; namespace: string; name: string; managedFields: ManagedFieldsChange[] }
    // --- what-if (issue 5): what `kubesim node …` did to a node's kubelet process, recorded by `kubesim up` ---
    | {
        type: 'NodeProcessAction';
        /** The node whose kubelet process it was. */
        name: string;
        /** kill = SIGKILL, stop = SIGTERM, start = started again, partition/heal = cut off from NATS and back, add = a new node. */
        action: 'kill' | 'start' | 'stop' | 'partition' | 'heal' | 'add';
        /** The new node's capacity, labels and taints as given to `kubesim node add` (add only). */
        node?: NodeProcessOptions;
        /** The cluster's `--time-scale`, so that a resimulation can pace the log's actions. */
        timeScale: number;
      }
    // --- end what-if ---
  );

/** An entry of managedFields as the log keeps it: `fieldsV1` left out when it is the previous entry's. */
export type ManagedFieldsChange = Omit<ManagedFieldsEntry, 'fieldsV1' | 'fieldsType'> & Partial<Pick<ManagedFieldsEntry, 'fieldsV1' | 'fieldsType'>>;

export type ClusterEventType = ClusterEvent['type'];
export type EventOf<T extends ClusterEventType> = Extract<ClusterEvent, { type: T }>;

/** What one stream message holds: the events of one write, all about the same object. */
export interface LogRecord {
  v: number;
  events: ClusterEvent[];
}

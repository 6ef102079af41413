import type { ClusterEventType } from './events';

/**
 * Every event type this kubesim knows. A `Record` over the union, so adding a type to the union
 * without adding it here does not compile. New types are additive within a schema version: a
 * kubesim that meets a type it does not know (a log written by a newer one) refuses the record
 * instead of misreading it.
 */
const KNOWN: Record<ClusterEventType, true> = {
  NamespaceCreated: true,
  NamespaceDeletionRequested: true,
  NamespaceConditionsSet: true,
  NamespaceFinalized: true,
  NamespaceDeleted: true,
  PodCreated: true,
  PodMetadataUpdated: true,
  PodTolerationsUpdated: true,
  PodImagesUpdated: true,
  PodSchedulingGatesUpdated: true,
  PodBound: true,
  PodConditionSet: true,
  PodStatusReported: true,
  PodPhaseChanged: true,
  PodDeletionRequested: true,
  PodDeleted: true,
  NodeRegistered: true,
  NodeStatusReported: true,
  NodeSpecChanged: true,
  NodeMetadataUpdated: true,
  NodeConditionChanged: true,
  NodeDeleted: true,
  NodeProcessAction: true,
  EventRecorded: true,
  EventExpired: true,
  EventDeleted: true,
  ObjectCreated: true,
  ObjectUpdated: true,
  ObjectStatusUpdated: true,
  ObjectDeleted: true,
  ManagedFieldsUpdated: true,
};

export const isKnownEventType = (t: unknown): t is ClusterEventType => typeof t === 'string' && Object.prototype.hasOwnProperty.call(KNOWN, t);

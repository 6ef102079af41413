import type { ControllerRevision, CronJob, Job, PodDisruptionBudget, StatefulSet, DaemonSet, Deployment, Kind, KubeEvent, KubeObject, Namespace, Node, Pod, ReplicaSet, Service } from '@kubesim/api';
import { controllerRevisionColumns, controllerRevisionRow, statefulSetColumns, statefulSetRow } from './statefulset.printer';
import { cronJobColumns, cronJobRow, jobColumns, jobRow } from './batch.printer';
import type { Columns } from './columns';
import { eventColumns, eventRow } from './event.printer';
import { namespaceColumns, namespaceRow } from './namespace.printer';
import { nodeColumns, nodeRow } from './node.printer';
import { podColumns, podRow } from './pod.printer';
import { podDisruptionBudgetColumns, podDisruptionBudgetRow } from './pdb.printer';
import { serviceColumns, serviceRow } from './service.printer';
import { configMapColumns, configMapRow, defaultColumns, defaultRow, secretColumns, secretRow, serviceAccountColumns, serviceAccountRow } from './config.printer';
import { endpointSliceColumns, endpointSliceRow, endpointsColumns, endpointsRow } from './endpoints.printer';
import { horizontalPodAutoscalerColumns, horizontalPodAutoscalerRow, podTemplateColumns, podTemplateRow, replicationControllerColumns, replicationControllerRow, resourceQuotaColumns, resourceQuotaRow } from './policy.printer';
import { persistentVolumeClaimColumns, persistentVolumeClaimRow, persistentVolumeColumns, persistentVolumeRow, storageClassColumns, storageClassRow } from './storage.printer';
import { bindingColumns, bindingRow, roleColumns, roleRow } from './rbac.printer';
import { daemonSetColumns, daemonSetRow, deploymentColumns, deploymentRow, replicaSetColumns, replicaSetRow } from './workload.printer';

/** How one kind prints: its columns, and a row (`wide` adds the priority-1 cells where the kind has them). */
export interface KindPrinter {
  columns: Columns;
  row(o: KubeObject, now: number, wide: boolean): string[];
}

const PRINTERS: Record<Kind, KindPrinter> = {
  Pod: { columns: podColumns, row: (o, now, wide) => podRow(o as Pod, now, wide) },
  Node: { columns: nodeColumns, row: (o, now, wide) => nodeRow(o as Node, now, wide) },
  Event: { columns: eventColumns, row: (o, now, wide) => eventRow(o as KubeEvent, now, wide) },
  Namespace: { columns: namespaceColumns, row: (o, now) => namespaceRow(o as Namespace, now) },
  Service: { columns: serviceColumns, row: (o, now) => serviceRow(o as Service, now) },
  ReplicaSet: { columns: replicaSetColumns, row: (o, now) => replicaSetRow(o as ReplicaSet, now) },
  Deployment: { columns: deploymentColumns, row: (o, now) => deploymentRow(o as Deployment, now) },
  DaemonSet: { columns: daemonSetColumns, row: (o, now) => daemonSetRow(o as DaemonSet, now) },
  StatefulSet: { columns: statefulSetColumns, row: (o, now) => statefulSetRow(o as unknown as StatefulSet, now) },
  ControllerRevision: { columns: controllerRevisionColumns, row: (o, now) => controllerRevisionRow(o as unknown as ControllerRevision, now) },
  ConfigMap: { columns: configMapColumns, row: (o, now) => configMapRow(o, now) },
  Secret: { columns: secretColumns, row: (o, now) => secretRow(o, now) },
  ServiceAccount: { columns: serviceAccountColumns, row: (o, now) => serviceAccountRow(o, now) },
  Endpoints: { columns: endpointsColumns, row: (o, now) => endpointsRow(o, now) },
  EndpointSlice: { columns: endpointSliceColumns, row: (o, now) => endpointSliceRow(o, now) },
  LimitRange: { columns: defaultColumns, row: (o) => defaultRow(o) },
  ResourceQuota: { columns: resourceQuotaColumns, row: (o, now) => resourceQuotaRow(o, now) },
  PersistentVolume: { columns: persistentVolumeColumns, row: (o, now) => persistentVolumeRow(o, now) },
  PersistentVolumeClaim: { columns: persistentVolumeClaimColumns, row: (o, now) => persistentVolumeClaimRow(o, now) },
  ReplicationController: { columns: replicationControllerColumns, row: (o, now) => replicationControllerRow(o, now) },
  PodTemplate: { columns: podTemplateColumns, row: (o) => podTemplateRow(o) },
  StorageClass: { columns: storageClassColumns, row: (o, now) => storageClassRow(o, now) },
  Job: { columns: jobColumns, row: (o, now) => jobRow(o as unknown as Job, now) },
  CronJob: { columns: cronJobColumns, row: (o, now) => cronJobRow(o as unknown as CronJob, now) },
  HorizontalPodAutoscaler: { columns: horizontalPodAutoscalerColumns, row: (o, now) => horizontalPodAutoscalerRow(o, now) },
  PodDisruptionBudget: { columns: podDisruptionBudgetColumns, row: (o, now) => podDisruptionBudgetRow(o as unknown as PodDisruptionBudget, now) },
  // apiextensions-apiserver's table: NAME, CREATED AT.
  CustomResourceDefinition: { columns: defaultColumns, row: (o) => defaultRow(o) },
  Role: { columns: roleColumns, row: (o) => roleRow(o) },
  ClusterRole: { columns: roleColumns, row: (o) => roleRow(o) },
  RoleBinding: { columns: bindingColumns, row: (o, now, wide) => bindingRow(o, now, wide) },
  ClusterRoleBinding: { columns: bindingColumns, row: (o, now, wide) => bindingRow(o, now, wide) },
};

/** The printer of a kind: the one table behind `kubesim get` and the apiserver's Table output. */
export const printerForKind = (kind: Kind): KindPrinter => PRINTERS[kind];

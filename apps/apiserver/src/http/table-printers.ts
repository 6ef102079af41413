import type { DaemonSet, Deployment, Kind, KubeEvent, KubeObject, Namespace, Node, Pod, ReplicaSet, Service } from '@kubesim/api';
import {
  daemonSetColumns,
  daemonSetRow,
  deploymentColumns,
  deploymentRow,
  eventColumns,
  eventRow,
  nodeColumns,
  nodeRow,
  podColumns,
  podRow,
  replicaSetColumns,
  replicaSetRow,
  serviceColumns,
  serviceRow,
  type Columns,
} from '@kubesim/printers';
import { namespaceColumns, namespaceRow } from './namespace.printer';

/** meta.k8s.io TableRowCondition: kube-apiserver marks finished pods `Completed`. */
export interface RowCondition {
  type: 'Completed';
  status: 'True';
  reason: string;
  message: string;
}

/** How the apiserver prints one kind: its columns, and every cell (priority 1 included) of a row. */
export interface TablePrinter {
  columns: Columns;
  cells(o: KubeObject, now: number): string[];
  conditions?(o: KubeObject): RowCondition[] | undefined;
}

/** printPod's row conditions: Succeeded and Failed pods are complete. */
function podConditions(pod: Pod): RowCondition[] | undefined {
  if (pod.status?.phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  if (pod.status?.phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return undefined;
}

const PRINTERS: Record<Kind, TablePrinter> = {
  Pod: { columns: podColumns, cells: (o, now) => podRow(o as Pod, now, true), conditions: (o) => podConditions(o as Pod) },
  Node: { columns: nodeColumns, cells: (o, now) => nodeRow(o as Node, now, true) },
  Event: { columns: eventColumns, cells: (o, now) => eventRow(o as KubeEvent, now, true) },
  Namespace: { columns: namespaceColumns, cells: (o, now) => namespaceRow(o as Namespace, now) },
  Service: { columns: serviceColumns, cells: (o, now) => serviceRow(o as Service, now) },
  ReplicaSet: { columns: replicaSetColumns, cells: (o, now) => replicaSetRow(o as ReplicaSet, now) },
  Deployment: { columns: deploymentColumns, cells: (o, now) => deploymentRow(o as Deployment, now) },
  DaemonSet: { columns: daemonSetColumns, cells: (o, now) => daemonSetRow(o as DaemonSet, now) },
};

export function tablePrinterFor(kind: Kind): TablePrinter {
  return PRINTERS[kind];
}

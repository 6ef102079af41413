import type { DaemonSet, Deployment, Kind, KubeEvent, KubeObject, Namespace, Node, Pod, ReplicaSet, Service } from '@kubesim/api';
import type { Columns } from './columns';
import { eventColumns, eventRow } from './event.printer';
import { namespaceColumns, namespaceRow } from './namespace.printer';
import { nodeColumns, nodeRow } from './node.printer';
import { podColumns, podRow } from './pod.printer';
import { serviceColumns, serviceRow } from './service.printer';
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
};

/** The printer of a kind: the one table behind `kubesim get` and the apiserver's Table output. */
export const printerForKind = (kind: Kind): KindPrinter => PRINTERS[kind];

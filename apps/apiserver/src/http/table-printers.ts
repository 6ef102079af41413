import { resourceOfKind, type Kind, type KubeObject, type Pod } from '@kubesim/api';
import { customPrinter, type Cell } from './custom-resources/custom-printer';
import { printerForKind, type Columns } from '@kubesim/printers';

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
  cells(o: KubeObject, now: number): (string | Cell)[];
  conditions?(o: KubeObject): RowCondition[] | undefined;
}

/** printPod's row conditions: Succeeded and Failed pods are complete. */
function podConditions(pod: Pod): RowCondition[] | undefined {
  if (pod.status?.phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  if (pod.status?.phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return undefined;
}

function tablePrinter(kind: Kind): TablePrinter {
  const { columns, row } = printerForKind(kind);
  return { columns, cells: (o, now) => row(o, now, true), ...(kind === 'Pod' ? { conditions: (o: KubeObject) => podConditions(o as Pod) } : {}) };
}

/** Built once per kind (rows of lists and watches look them up per object). */
const TABLE_PRINTERS = new Map<Kind, TablePrinter>();

/** The shared printer of the kind, every cell printed; pods also get their row conditions. */
export function tablePrinterFor(kind: Kind): TablePrinter {
  // A custom kind's columns come from its CRD, which may change: not cached.
  const custom = resourceOfKind(kind)?.custom;
  if (custom) return customPrinter(custom);
  let p = TABLE_PRINTERS.get(kind);
  if (!p) TABLE_PRINTERS.set(kind, (p = tablePrinter(kind)));
  return p;
}

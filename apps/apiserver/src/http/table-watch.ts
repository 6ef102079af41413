import type { TableVersion } from './accept';
import { toTable, type IncludeObject } from './table';
import type { WatchEncoder } from './watch';
import type { KubeObject } from '@kubesim/api';

/**
 * Watch events as Tables of one row (`kubectl get -w`). Like kube-apiserver, only the first event
 * carries columnDefinitions; kubectl reuses the last ones it saw for the events without. A BOOKMARK
 * is a Table with no rows, carrying only its resourceVersion.
 */
export function tableWatchEncoder(kind: KubeObject['kind'], version: TableVersion, includeObject: IncludeObject, clock: () => number = Date.now): WatchEncoder {
  let headersSent = false;
  return (type, object) => {
    const rv = object.metadata.resourceVersion;
    if (type === 'BOOKMARK') return toTable(kind, [], rv, { version, includeObject, now: clock(), noHeaders: true });
    const table = toTable(kind, [object as KubeObject], rv, { version, includeObject, now: clock(), noHeaders: headersSent });
    headersSent = true;
    return table;
  };
}

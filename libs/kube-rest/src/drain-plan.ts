import { isPodTerminal, type Pod } from '@kubesim/api';

export interface DrainOptions {
  ignoreDaemonsets: boolean;
  /** Also evict pods no controller manages (they are not recreated anywhere). */
  force: boolean;
}

export interface DrainPlan {
  evict: Pod[];
  /** kubectl's refusal, when the drain cannot go on; nothing is evicted then. */
  error?: string;
  /** kubectl's warning about what it leaves or deletes for good. */
  warning?: string;
}

const ref = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
const controller = (p: Pod) => (p.metadata as { ownerReferences?: { kind: string; controller?: boolean }[] }).ownerReferences?.find((o) => o.controller);

/**
 * What `kubectl drain` evicts from a node (pure; kubectl's drain filters): DaemonSet pods are
 * refused unless `--ignore-daemonsets` (then left in place), unmanaged pods are refused unless
 * `--force`; finished pods are deleted without complaint.
 */
export function drainPlan(pods: Iterable<Pod>, node: string, o: DrainOptions): DrainPlan {
  const evict: Pod[] = [];
  const daemonSet: Pod[] = [];
  const unmanaged: Pod[] = [];
  for (const p of pods) {
    if (p.spec.nodeName !== node || p.metadata.deletionTimestamp) continue;
    const owner = controller(p);
    if (owner?.kind === 'DaemonSet' && !isPodTerminal(p)) {
      daemonSet.push(p);
      continue;
    }
    if (!owner && !isPodTerminal(p)) unmanaged.push(p);
    evict.push(p);
  }
  const errors: string[] = [];
  if (unmanaged.length && !o.force) errors.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.map(ref).join(', ')}`);
  if (daemonSet.length && !o.ignoreDaemonsets) errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemonSet.map(ref).join(', ')}`);
  if (errors.length) return { evict: [], error: `unable to drain node "${node}" due to error: ${errors.join(', ')}, continuing command...` };
  const warnings: string[] = [];
  if (daemonSet.length) warnings.push(`ignoring DaemonSet-managed Pods: ${daemonSet.map(ref).join(', ')}`);
  if (unmanaged.length) warnings.push(`deleting Pods that declare no controller: ${unmanaged.map(ref).join(', ')}`);
  return { evict, ...(warnings.length ? { warning: `Warning: ${warnings.join('; ')}` } : {}) };
}

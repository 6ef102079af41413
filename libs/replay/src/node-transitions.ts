import type { Node } from '@kubesim/api';
import { keyOfEvent, type ClusterEvent, type ClusterView } from '@kubesim/core';
import { nodeStatus } from '@kubesim/printers';

/**
 * What a node looks like to someone watching it: kubectl's STATUS (Ready, NotReady,
 * SchedulingDisabled) and its taints. A change of either, or a user's `kubesim node …` on it, is a
 * transition of the node — what the dashboard's "next" jumps to with a node selected.
 */
export function nodeLook(node: Node | undefined): string {
  if (!node) return '(deleted)';
  const taints = (node.spec?.taints ?? []).map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).sort();
  return `${nodeStatus(node)} ${taints.join(',')}`;
}

/** The nodes `events` touch, with how each looks in `view` (call before and after applying them). */
export function looksOf(events: readonly ClusterEvent[], view: Pick<ClusterView, 'get'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) {
    const key = keyOfEvent(e);
    if (key.kind === 'Node') out.set(key.name, nodeLook(view.get(key) as Node | undefined));
  }
  return out;
}

/** The nodes a record changed: a different look after it, or a `kubesim node …` on them. */
export function nodesChanged(events: readonly ClusterEvent[], before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set<string>();
  for (const e of events) if (e.type === 'NodeProcessAction') names.add(e.name);
  for (const [name, look] of after) if (before.get(name) !== look) names.add(name);
  return [...names];
}

import { Code } from './framework';

/** Upstream `ErrNoNodesAvailable`. */
export const NO_NODES_AVAILABLE_MSG = 'no nodes available to schedule pods';

/** Why one node was rejected: the first filter plugin that did not return Success. */
export interface NodeFilterStatus {
  readonly node: string;
  readonly plugin: string;
  readonly code: Code;
  readonly reasons: readonly string[];
}

/** Counts every reason over nodes, formats `"<count> <reason>"`, sorts the strings, joins with ", ". */
export function reasonsHistogram(statuses: Iterable<{ readonly reasons: readonly string[] }>): string {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  // Go's sort.Strings compares bytes; plain `<` on strings matches it for ASCII reasons.
  const items = [...counts].map(([reason, n]) => `${n} ${reason}`);
  return items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(', ');
}

/**
 * Upstream `FitError.Error()`: `0/<N> nodes are available: <histogram>.` then the PostFilter message.
 * Upstream appends yet another "." after the PostFilter message (the ".." seen on real clusters);
 * kubesim uses the single-period source form, so `postFilterMsg` is appended as is.
 */
export function fitErrorMessage(
  numAllNodes: number,
  statuses: Iterable<{ readonly reasons: readonly string[] }>,
  postFilterMsg?: string,
): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  const histogram = reasonsHistogram(statuses);
  if (histogram) msg += ` ${histogram}.`;
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}

/** FitError.Error() when a PreFilter plugin refused the pod: its message instead of the histogram. */
export function preFilterFitErrorMessage(numAllNodes: number, preFilterMsg: string, postFilterMsg?: string): string {
  return `0/${numAllNodes} nodes are available: ${preFilterMsg}.${postFilterMsg ? ` ${postFilterMsg}` : ''}`;
}

/**
 * How `kubesim up --nodes N` spreads its nodes over kubelet processes. Up to ten nodes, one
 * process each (killing a node is killing a process, as it always was); above, pools of up to
 * fifty nodes per process, where a process costs ~84 MB and a pooled node far less.
 * `--nodes-per-process K` chooses: 1 is one process per node at any size.
 */
export const ONE_PER_PROCESS_UP_TO = 10;
export const DEFAULT_POOL_SIZE = 50;

export type KubeletProcessPlan = { kind: 'node'; node: string } | { kind: 'pool'; pool: string; nodes: string[] };

/** The nodes per kubelet process for N nodes: 1 means no pools. */
export function nodesPerProcess(nodes: number, requested?: number): number {
  if (requested !== undefined) return requested;
  return nodes <= ONE_PER_PROCESS_UP_TO ? 1 : DEFAULT_POOL_SIZE;
}

/** `node-1 … node-N` in processes: pool-1 has the first K nodes, pool-2 the next K, … */
export function nodeLayout(nodes: number, requested?: number): KubeletProcessPlan[] {
  const names = Array.from({ length: nodes }, (_, i) => `node-${i + 1}`);
  const k = nodesPerProcess(nodes, requested);
  if (k === 1) return names.map((node) => ({ kind: 'node', node }));
  const plans: KubeletProcessPlan[] = [];
  for (let i = 0; i < names.length; i += k) plans.push({ kind: 'pool', pool: `pool-${plans.length + 1}`, nodes: names.slice(i, i + k) });
  return plans;
}

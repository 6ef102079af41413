/** Upstream's controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * controller_utils' slowStartBatch: `fn` runs on batches of 1, 2, 4, 8 … items, the items of a
 * batch at once; the first batch with a failure (false, or a throw) ends it, and the items after it
 * are skipped (a quota that refuses the first pod is not asked a hundred times). A throw is
 * re-thrown once its batch has settled. Returns how many succeeded and how many were skipped.
 */
export async function slowStartBatch<T>(items: readonly T[], fn: (item: T) => Promise<boolean>, initialBatchSize = SLOW_START_INITIAL_BATCH_SIZE): Promise<{ successes: number; skipped: number }> {
  let done = 0;
  let successes = 0;
  for (let size = Math.min(items.length, initialBatchSize); size > 0; size = Math.min(2 * size, items.length - done)) {
    const batch = items.slice(done, done + size);
    done += batch.length;
    const results = await Promise.allSettled(batch.map(fn));
    const ok = results.filter((r) => r.status === 'fulfilled' && r.value).length;
    successes += ok;
    const thrown = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (thrown) throw thrown.reason;
    if (ok < batch.length) return { successes, skipped: items.length - done };
  }
  return { successes, skipped: 0 };
}

/**
 * Carries out a reconcile's actions in order, except that each run of consecutive `batched` actions
 * (pod creates) goes through slowStartBatch. `run` answers whether an action succeeded. The actions
 * after a failed batch still run (upstream writes the status after a failed manageReplicas too);
 * returns how many batched actions were skipped (the next sync tries them again).
 */
export async function carryOut<A>(actions: readonly A[], batched: (a: A) => boolean, run: (a: A) => Promise<boolean>): Promise<number> {
  let skipped = 0;
  for (let i = 0; i < actions.length; ) {
    if (!batched(actions[i]!)) {
      await run(actions[i++]!);
      continue;
    }
    let j = i;
    while (j < actions.length && batched(actions[j]!)) j++;
    skipped += (await slowStartBatch(actions.slice(i, j), run)).skipped;
    i = j;
  }
  return skipped;
}

/** An int-or-percent (`25%`) of `total`, rounded up or down as the Deployment controller does. */
export function resolveIntOrPercent(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** maxSurge rounds up, maxUnavailable down; both 0 would deadlock, so unavailable becomes 1. */
export function surgeAndUnavailable(replicas: number, surge: number | string | undefined, unavailable: number | string | undefined) {
  const maxSurge = resolveIntOrPercent(surge, replicas, true);
  let maxUnavailable = resolveIntOrPercent(unavailable, replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** Completion index sets as Job status writes them: `"1,3-5"` (a run of two is written `2,3`). */
export function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    if (Number.isNaN(a)) continue;
    for (let i = a; i <= (b ?? a); i++) out.add(i);
  }
  return out;
}

/**
 * orderedIntervals.String (indexed_job_utils.go): a run of three or more as `a-b`, a run of two as
 * `a,b`, others comma-separated — `"0,2-4,6,7"`.
 */
export function formatIndexes(set: Iterable<number>): string {
  const xs = [...new Set(set)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j === i ? String(xs[i]) : `${xs[i]}${j === i + 1 ? ',' : '-'}${xs[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

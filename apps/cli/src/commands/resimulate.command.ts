import { existsSync, readFileSync } from 'node:fs';
import { parseLogFile } from '@kubesim/replay';
import { diffOutcomes, formatDiff } from '../replay/resimulate-diff';
import { outcomeOf } from '../replay/resimulate-outcome';
import { label, runResimulation } from '../replay/resimulate-run';
import { extractUserActions } from '../replay/user-actions';
import { recordTime } from '@kubesim/replay';

export interface ResimulateOptions {
  file: string;
  nodes?: number;
  timeScale?: number;
  /** Most seconds to wait for the cluster to settle after the last action. */
  maxSettle: number;
}

/**
 * `kubesim replay --resimulate log.jsonl [--nodes N] [--time-scale X]`: the log's user actions
 * replayed at their (paced) times against a fresh cluster, then how its outcome differs from the
 * log's. Progress goes to `progress`; the report to `out`. Exit code 0 whatever differs.
 */
export async function resimulateCommand(o: ResimulateOptions, out: (s: string) => void, progress: (s: string) => void): Promise<number> {
  if (!existsSync(o.file)) throw new Error(`error: ${o.file}: no such file (write one with: kubesim export > ${o.file})`);
  const records = parseLogFile(readFileSync(o.file, 'utf8'));
  if (records.length === 0) throw new Error(`${o.file}: no records to resimulate`);
  const { actions, cluster, origin } = extractUserActions(records);
  const nodes = o.nodes ?? Math.max(1, cluster.nodes);
  const logScale = cluster.timeScale ?? 1;
  const timeScale = o.timeScale ?? logScale;
  const lastAt = actions.at(-1)?.at ?? 0;
  const tailMs = Math.max(0, recordTime(records[records.length - 1]) - origin - lastAt);

  progress(
    `Resimulating ${actions.length} user action${actions.length === 1 ? '' : 's'} of ${o.file} on a fresh cluster: ${nodes} node${nodes === 1 ? '' : 's'} (the log had ${cluster.nodes}), ` +
      `time scale ${timeScale} (the log's: ${cluster.timeScale ?? '1, assumed: no node in it says'})\n`,
  );
  for (const a of actions) progress(`  +${((a.at * timeScale) / logScale / 1000).toFixed(1)}s  ${label(a)}  (${a.by})\n`);
  const resimulated = await runResimulation(
    { actions, nodes, cpu: cluster.cpu ?? '4', memory: cluster.memory ?? '8Gi', pods: cluster.pods ?? 110, timeScale, pace: timeScale / logScale, tailMs, maxSettleMs: o.maxSettle * 1000 },
    progress,
  );
  out(`The original (${o.file}) and its resimulation (${nodes} node${nodes === 1 ? '' : 's'}, time scale ${timeScale}), pod by pod:\n\n`);
  out(formatDiff(diffOutcomes(outcomeOf(records), outcomeOf(resimulated))));
  return 0;
}

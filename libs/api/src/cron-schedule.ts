import { CronExpressionParser } from 'cron-parser';

/** When a schedule fires next, strictly after a moment (ms since the epoch). */
export interface CronSchedule {
  next(afterMs: number): number;
}

/** robfig/cron's descriptors (ParseStandard), as the five fields they stand for. */
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class CronScheduleError extends Error {}

const DURATION_UNIT: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration, enough for `@every 1h30m`. */
function goDuration(s: string): number {
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== s) throw new CronScheduleError(`failed to parse duration @every ${s}: time: invalid duration "${s}"`);
  return parts.reduce((ms, p) => ms + Number(p[1]) * DURATION_UNIT[p[2]], 0);
}

/**
 * A CronJob's schedule as kube-controller-manager reads it (robfig/cron ParseStandard): five fields
 * `minute hour day-of-month month day-of-week`, `?` as `*`, names, the @-descriptors and `@every`;
 * the error messages of the fields count and descriptors are robfig's, the others cron-parser's.
 * `timeZone` unset = this process's local zone (kube-controller-manager's). Throws CronScheduleError.
 */
export function parseCronSchedule(schedule: string, timeZone?: string): CronSchedule {
  const spec = schedule.trim();
  if (!spec) throw new CronScheduleError('empty spec string');
  if (spec.startsWith('@every ')) {
    const every = Math.max(1000, Math.floor(goDuration(spec.slice(7).trim()) / 1000) * 1000);
    return { next: (after) => Math.floor(after / 1000) * 1000 + every };
  }
  let expr = spec;
  if (spec.startsWith('@')) {
    expr = DESCRIPTORS[spec];
    if (!expr) throw new CronScheduleError(`unrecognized descriptor: ${spec}`);
  }
  const fields = expr.split(/\s+/);
  if (fields.length !== 5) throw new CronScheduleError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  expr = fields.map((f) => (f === '?' ? '*' : f)).join(' ');
  const options = timeZone ? { tz: timeZone } : {};
  try {
    CronExpressionParser.parse(expr, { ...options, currentDate: new Date(0) });
  } catch (e) {
    throw new CronScheduleError((e as Error).message);
  }
  return { next: (after) => CronExpressionParser.parse(expr, { ...options, currentDate: new Date(after) }).next().getTime() };
}

/** Whether `tz` is an IANA time zone this runtime knows (Go's time.LoadLocation). */
export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

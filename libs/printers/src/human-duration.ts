/**
 * apimachinery `duration.HumanDuration` (pkg/util/duration/duration.go), the formatter behind every
 * AGE, LAST SEEN and "(45s ago)" that kubectl prints. Durations are in milliseconds; Go truncates
 * towards zero at every step (`int(d.Seconds())`, `d / time.Minute`), and so does this.
 */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '<invalid>';
  // Up to 2 s (excluded) into the future is clock skew between machines, shown as "now".
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;

  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) return withRemainder(minutes, 'm', seconds % 60, 's');
  if (minutes < 60 * 3) return `${minutes}m`;

  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) return withRemainder(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;

  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return withRemainder(days, 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;

  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return withRemainder(years, 'y', days % 365, 'd');
  return `${years}y`;
}

/** `HumanDuration(now - timestamp)`, or `<unknown>` when the timestamp is unset (Go's zero time). */
export function humanDurationSince(timestamp: string | null | undefined, now: number): string {
  const at = parseTime(timestamp);
  return at === undefined ? '<unknown>' : humanDuration(now - at);
}

/** Milliseconds since the epoch, or undefined for an unset or unparsable timestamp. */
export function parseTime(timestamp: string | null | undefined): number | undefined {
  if (!timestamp) return undefined;
  const at = Date.parse(timestamp);
  return Number.isNaN(at) ? undefined : at;
}

function withRemainder(whole: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${whole}${unit}` : `${whole}${unit}${rest}${restUnit}`;
}

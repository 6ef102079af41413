import type { Pod } from '@kubesim/api';

/** How Go prints a time.Duration of whole seconds: `7s`, `5m0s`, `1h0m0s`. */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h ? `${h}h` : ''}${m}m${s % 60}s`;
}

/** kubectl's closing lines when a drain fails (`There are pending pods …`, `unable to drain node …`). */
export function drainFailed(node: string, pending: readonly Pod[], errors: readonly string[]): string[] {
  const err = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return [
    `There are pending pods in node "${node}" when an error occurred: ${err}`,
    ...pending.map((p) => `pod/${p.metadata.name}`),
    `error: unable to drain node "${node}" due to error: ${err}, continuing command...`,
    'There are pending nodes to be drained:',
    ` ${node}`,
    err,
  ];
}

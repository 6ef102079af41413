import type { Stream } from './shell/process';

export interface LogLine {
  readonly at: number;
  readonly stream: Stream;
  readonly line: string;
}

/** Lines kept per container instance; older ones are dropped (the runtime rotates its log files). */
export const MAX_LOG_LINES = 2000;

/**
 * What one container wrote, for `kubectl logs`: the current instance and the previous one
 * (`--previous`), as the kubelet keeps them on a real node.
 */
export class ContainerLog {
  current: LogLine[] = [];
  previous?: LogLine[];

  /** Lines appended to the current instance so far, dropped ones included (follow's cursor). */
  appended = 0;

  append(line: LogLine) {
    this.appended++;
    this.current.push(line);
    if (this.current.length > MAX_LOG_LINES) this.current.splice(0, this.current.length - MAX_LOG_LINES);
  }

  private instances = 0;

  /** A new instance of the container starts: the current log becomes the previous one. */
  startInstance() {
    if (this.instances++ > 0) {
      this.previous = this.current;
      this.current = [];
      this.appended = 0;
    }
  }
}

/** `kubectl logs` text: one line each, with `--timestamps` as RFC 3339 nanoseconds. */
export function formatLog(lines: readonly LogLine[], options: { timestamps?: boolean; tailLines?: number; sinceMs?: number } = {}): string {
  let selected = options.sinceMs === undefined ? lines : lines.filter((l) => l.at >= options.sinceMs!);
  if (options.tailLines !== undefined && options.tailLines >= 0) selected = selected.slice(Math.max(0, selected.length - options.tailLines));
  return selected.map((l) => (options.timestamps ? `${new Date(l.at).toISOString().replace('Z', '000000Z')} ${l.line}\n` : `${l.line}\n`)).join('');
}

import type { Gen, Input } from './process-types';

/** What the terminal asks of the process it belongs to. */
export interface TerminalHost {
  /** Data (or the end of input) is there: wake what waits for stdin. */
  wake(): void;
  /** Ctrl-C: SIGINT to the foreground command. */
  interrupt(): void;
  /** Bytes for the client's screen (echo, and the program's output after `output`). */
  write(text: string): void;
}

const CTRL_C = '\x03';
const CTRL_D = '\x04';
const DEL = '\x7f';
const BS = '\b';

/**
 * The stdin of an interactive `exec`, as the kernel's line discipline serves it. With a TTY
 * (`-t`, cooked mode): typed characters echo, `\r` ends a line (ICRNL), DEL erases one
 * (`\b \b`, ECHOE), Ctrl-C interrupts the foreground command and drops the line, Ctrl-D ends
 * the input of one read (on an empty line: EOF; else it hands over the line so far); output
 * `\n` becomes `\r\n` (ONLCR). Without a TTY (`-i`) chunks pass as they arrive, and the
 * client closing stdin is the end of input.
 */
export class Terminal implements Input {
  /** Complete reads waiting for the program; null is one end of input. */
  private readonly queue: (string | null)[] = [];
  private line = '';
  private closed = false;

  constructor(
    readonly tty: boolean,
    private readonly host: TerminalHost,
  ) {}

  /** Bytes typed by the client. */
  feed(data: string): void {
    if (this.closed) return;
    if (!this.tty) {
      if (data) this.queue.push(data);
      return this.host.wake();
    }
    let echo = '';
    for (const ch of data) {
      if (ch === '\r' || ch === '\n') {
        echo += '\r\n';
        this.queue.push(this.line + '\n');
        this.line = '';
      } else if (ch === DEL || ch === BS) {
        if (!this.line) continue;
        this.line = [...this.line].slice(0, -1).join('');
        echo += '\b \b';
      } else if (ch === CTRL_C) {
        echo += '^C\r\n';
        this.line = '';
        this.queue.length = 0;
        this.host.write(echo);
        echo = '';
        this.host.interrupt();
      } else if (ch === CTRL_D) {
        this.queue.push(this.line ? this.line : null);
        this.line = '';
      } else if (ch >= ' ' || ch === '\t') {
        echo += ch;
        this.line += ch;
      }
    }
    if (echo) this.host.write(echo);
    this.host.wake();
  }

  /** The client closed stdin (or went away): every read from now on is the end of input. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.tty && this.line) this.queue.push(this.line);
    this.line = '';
    this.host.wake();
  }

  /** What the program writes, as the terminal shows it. */
  output(text: string): string {
    return this.tty ? text.replace(/\r?\n/g, '\r\n') : text;
  }

  *read(): Gen<string | null> {
    while (this.queue.length === 0 && !this.closed) yield { until: Infinity, interruptible: true, input: true };
    return this.queue.length ? this.queue.shift()! : null;
  }
}

/** Everything up to the end of input (a script piped into `sh` without a TTY). */
export function* readAll(input: Input): Gen<string> {
  let text = '';
  for (let chunk = yield* input.read(); chunk !== null; chunk = yield* input.read()) text += chunk;
  return text;
}

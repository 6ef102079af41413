/**
 * The dashboard's shell WebSocket (`/api/pods/NS/NAME/shell?container=C`), between the browser
 * and the dashboard backend, which relays it to the apiserver's exec stream (`sh` with a TTY).
 * Text frames, one JSON message each.
 */
export type ShellClientMessage =
  /** Keys typed (`\r` for Enter, DEL for Backspace, ETX for Ctrl-C …). */
  | { kind: 'stdin'; data: string }
  | { kind: 'resize'; cols: number; rows: number };

export type ShellServerMessage =
  /** What the terminal shows (the shell's output and the echo of what was typed). */
  | { kind: 'output'; data: string }
  /** The session is over: the shell's exit code, or why it could not run (the Status' message). */
  | { kind: 'end'; exitCode?: number; error?: string };

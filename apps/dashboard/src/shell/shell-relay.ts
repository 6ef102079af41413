import type { ShellClientMessage, ShellServerMessage } from './shell-messages';

/** The remotecommand channels (k8s.io/apimachinery wsstream, v5.channel.k8s.io). */
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;

/** The apiserver's exec URL for an interactive shell in a pod's container (kubectl exec -it … -- sh). */
export function execUrl(server: string, namespace: string, name: string, container: string | undefined, command: readonly string[] = ['sh']): string {
  const u = new URL(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/exec`, server);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const c of command) u.searchParams.append('command', c);
  for (const flag of ['stdin', 'stdout', 'tty']) u.searchParams.set(flag, 'true');
  if (container) u.searchParams.set('container', container);
  return u.toString();
}

/** A browser message → the frame for the apiserver, or undefined for one that means nothing. */
export function toExecFrame(text: string): Buffer | undefined {
  let m: ShellClientMessage;
  try {
    m = JSON.parse(text) as ShellClientMessage;
  } catch {
    return undefined;
  }
  switch (m?.kind) {
    case 'stdin':
      return typeof m.data === 'string' ? Buffer.concat([Buffer.from([STDIN]), Buffer.from(m.data, 'utf8')]) : undefined;
    case 'resize':
      return Buffer.concat([Buffer.from([RESIZE]), Buffer.from(JSON.stringify({ Width: Number(m.cols) || 80, Height: Number(m.rows) || 24 }))]);
    default:
      return undefined;
  }
}

/**
 * An apiserver frame → what the browser gets: output, or (error channel) the end: `Success`
 * is exit 0, a `NonZeroExitCode` failure its code, any other failure its message.
 */
export function fromExecFrame(frame: Buffer): ShellServerMessage | undefined {
  const channel = frame[0];
  const text = frame.subarray(1).toString('utf8');
  if (channel === STDOUT || channel === STDERR) return text ? { kind: 'output', data: text } : undefined;
  if (channel !== ERROR) return undefined;
  try {
    const s = JSON.parse(text) as { status?: string; message?: string; reason?: string; details?: { causes?: { reason: string; message: string }[] } };
    if (s.status === 'Success') return { kind: 'end', exitCode: 0 };
    const code = s.reason === 'NonZeroExitCode' ? Number(s.details?.causes?.find((c) => c.reason === 'ExitCode')?.message) : NaN;
    return Number.isFinite(code) ? { kind: 'end', exitCode: code } : { kind: 'end', error: s.message ?? text };
  } catch {
    return { kind: 'end', error: text };
  }
}

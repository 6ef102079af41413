/**
 * The remotecommand WebSocket protocol kubectl speaks (k8s.io/apimachinery wsstream): every binary
 * message starts with a channel byte. v5 adds the close channel (255), with which a client says it
 * has no more stdin; v4 has no way to, so stdin lasts until the client hangs up.
 */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;
export type ExecProtocol = (typeof EXEC_PROTOCOLS)[number];

export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** The server's pick among the client's offered subprotocols (its own preference order). */
export function pickProtocol(offered: Iterable<string>): ExecProtocol | undefined {
  const set = new Set(offered);
  return EXEC_PROTOCOLS.find((p) => set.has(p));
}

export function frame(channel: number, data: string | Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([channel]), typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)]);
}

/** What one client message means. */
export type ClientFrame =
  | { kind: 'stdin'; data: Buffer }
  | { kind: 'close'; channel: number }
  | { kind: 'resize' }
  | { kind: 'other'; channel: number };

export function parseClientFrame(message: Buffer, protocol: ExecProtocol): ClientFrame {
  const channel = message[0];
  if (channel === CHANNEL.stdin) return { kind: 'stdin', data: message.subarray(1) };
  if (channel === CHANNEL.resize) return { kind: 'resize' };
  if (channel === CHANNEL.close && protocol === 'v5.channel.k8s.io' && message.length >= 2) return { kind: 'close', channel: message[1] };
  return { kind: 'other', channel };
}

/**
 * The error channel's last word, as the kubelet's streaming server writes it: `Success`, or a
 * `NonZeroExitCode` failure whose `ExitCode` cause kubectl turns into `command terminated with
 * exit code N` and its own exit code.
 */
export type StreamStatus =
  | { metadata: Record<string, never>; status: 'Success' }
  | { metadata: Record<string, never>; status: 'Failure'; message: string; reason: string; details?: { causes?: { reason: string; message: string }[] }; code?: number };

export function exitStatus(command: string[], exitCode: number): StreamStatus {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

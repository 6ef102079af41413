import { ErrorCode, NatsError } from 'nats';

/**
 * What a NATS error means for a write: `unavailable` — it was not carried out, the broker cannot
 * take writes right now (no JetStream leader during an election, no server reachable), try again;
 * `timeout` — its outcome is unknown (sent, no acknowledgement in time); `too-large` — the record is
 * larger than the server's max_payload (1 MiB by default), nothing was sent. Anything else: undefined.
 */
export type BrokerFailure = 'unavailable' | 'timeout' | 'too-large';

/** JetStream's "JetStream system temporarily unavailable" and "stream is offline": no leader. */
const NO_LEADER_API_ERRORS = new Set([10008, 10118]);

export function brokerFailure(e: unknown): BrokerFailure | undefined {
  if (!(e instanceof NatsError)) return undefined;
  if (e.api_error && (NO_LEADER_API_ERRORS.has(e.api_error.err_code ?? 0) || e.api_error.code === 503)) return 'unavailable';
  switch (e.code) {
    case ErrorCode.NoResponders:
    case ErrorCode.Disconnect:
    case ErrorCode.ConnectionClosed:
    case ErrorCode.ConnectionRefused:
    case ErrorCode.ConnectionDraining:
      return 'unavailable';
    case ErrorCode.Timeout:
    case ErrorCode.JetStream408RequestTimeout:
      return 'timeout';
    case ErrorCode.MaxPayloadExceeded:
      return 'too-large';
    default:
      return undefined;
  }
}

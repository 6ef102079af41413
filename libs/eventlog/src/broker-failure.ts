import { ErrorCode, NatsError } from 'nats';

/**
 * What a NATS error means for a write: `unavailable` — it was not carried out, the broker cannot
 * take writes right now (no JetStream leader during an election, no server reachable), try again;
 * `timeout` — its outcome is unknown (sent, no acknowledgement in time). Anything else: undefined.
 */
export type BrokerFailure = 'unavailable' | 'timeout';

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
    default:
      return undefined;
  }
}

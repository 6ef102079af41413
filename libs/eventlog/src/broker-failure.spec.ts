import { ErrorCode, NatsError } from 'nats';
import { brokerFailure } from './broker-failure';

describe('what a failed write to the broker means', () => {
  it('no responders (the stream has no leader while JetStream elects one): unavailable, nothing was written', () => {
    expect(brokerFailure(NatsError.errorForCode(ErrorCode.NoResponders))).toBe('unavailable');
  });

  it('JetStream temporarily unavailable (err_code 10008) or a stream offline (10118): unavailable', () => {
    const e = NatsError.errorForCode(ErrorCode.Unknown);
    e.api_error = { code: 503, err_code: 10008, description: 'JetStream system temporarily unavailable' };
    expect(brokerFailure(e)).toBe('unavailable');
    const offline = NatsError.errorForCode(ErrorCode.Unknown);
    offline.api_error = { code: 500, err_code: 10118, description: 'stream is offline' };
    expect(brokerFailure(offline)).toBe('unavailable');
  });

  it('the connection lost or closed: unavailable', () => {
    expect(brokerFailure(NatsError.errorForCode(ErrorCode.Disconnect))).toBe('unavailable');
    expect(brokerFailure(NatsError.errorForCode(ErrorCode.ConnectionClosed))).toBe('unavailable');
  });

  it('no acknowledgement in time: a timeout, the outcome unknown', () => {
    expect(brokerFailure(NatsError.errorForCode(ErrorCode.Timeout))).toBe('timeout');
  });

  it('anything else is not a broker failure', () => {
    expect(brokerFailure(new Error('503'))).toBeUndefined();
    const conflict = NatsError.errorForCode(ErrorCode.Unknown);
    conflict.api_error = { code: 400, err_code: 10071, description: 'wrong last sequence: 3' };
    expect(brokerFailure(conflict)).toBeUndefined();
  });
});

import { ErrorCode, NatsError } from 'nats';
import { statusHeaders, toStatus } from './status';

describe('a write the event log could not take', () => {
  it('given no JetStream leader (no responders), then 503 ServiceUnavailable with a retry after 1 s, not a 500', () => {
    expect(toStatus(NatsError.errorForCode(ErrorCode.NoResponders))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server is currently unable to handle the request: the event log has no JetStream leader (nats-server down or electing one)',
      reason: 'ServiceUnavailable',
      details: { retryAfterSeconds: 1 },
      code: 503,
    });
    expect(statusHeaders(toStatus(NatsError.errorForCode(ErrorCode.NoResponders)))).toEqual({ 'Retry-After': '1' });
  });

  it('given no acknowledgement in time, then 504 Timeout in kube-apiserver words', () => {
    expect(toStatus(NatsError.errorForCode(ErrorCode.Timeout))).toMatchObject({ code: 504, reason: 'Timeout', message: 'Timeout: request did not complete within requested timeout - context deadline exceeded' });
  });

  it('any other error stays a 500 InternalError', () => {
    expect(toStatus(new Error('boom'))).toMatchObject({ code: 500, reason: 'InternalError', message: 'Internal error occurred: boom' });
    expect(statusHeaders(toStatus(new Error('boom')))).toEqual({});
  });
});

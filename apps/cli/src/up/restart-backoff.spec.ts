import { backoffDelay, decideRestart, NO_CRASHES, SUPERVISOR_BACKOFF } from './restart-backoff';

const policy = SUPERVISOR_BACKOFF;

describe('restart back-off of a supervised component', () => {
  it('doubles from 1 s and stops growing at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(policy, n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('given a first crash, when the process dies after 3 s, then it is restarted in 1 s as attempt 1', () => {
    expect(decideRestart(policy, true, NO_CRASHES, { kind: 'unexpected', ranForMs: 3_000 })).toEqual({ kind: 'restart', delayMs: 1_000, attempt: 1, history: { crashesInARow: 1 } });
  });

  it('given three crashes in a row, when it dies again quickly, then the fourth restart waits 8 s', () => {
    expect(decideRestart(policy, true, { crashesInARow: 3 }, { kind: 'unexpected', ranForMs: 500 })).toMatchObject({ kind: 'restart', delayMs: 8_000, attempt: 4 });
  });

  it('given many crashes, when the process had stayed up 60 s before dying, then the series starts again at 1 s', () => {
    expect(decideRestart(policy, true, { crashesInARow: 9 }, { kind: 'unexpected', ranForMs: 60_000 })).toMatchObject({ kind: 'restart', delayMs: 1_000, attempt: 1 });
    expect(decideRestart(policy, true, { crashesInARow: 9 }, { kind: 'unexpected', ranForMs: 59_999 })).toMatchObject({ kind: 'restart', delayMs: 30_000, attempt: 10 });
  });

  it('when kubesim itself stopped the process (Ctrl-C, kubesim node stop or kill), then it is left stopped', () => {
    expect(decideRestart(policy, true, { crashesInARow: 2 }, { kind: 'deliberate' })).toEqual({ kind: 'leave-stopped' });
  });

  it('when a process that is not restarted on its own (a kubelet by default) dies, then it stays down', () => {
    expect(decideRestart(policy, false, NO_CRASHES, { kind: 'unexpected', ranForMs: 10 })).toEqual({ kind: 'stay-down' });
  });
});

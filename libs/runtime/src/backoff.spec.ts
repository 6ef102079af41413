import {
  BackoffTable,
  backoffRemainingSince,
  backoffRemainingSinceUpdate,
  crashLoopBackoffKey,
  crashLoopBackoffPolicy,
  crashLoopBackOffEventMessage,
  crashLoopBackOffMessage,
  gcBackoff,
  goDuration,
  imagePullBackoffPolicy,
  nextBackoff,
} from './backoff';

const pod = { name: 'web', namespace: 'default', uid: '6f1c' };
const key = crashLoopBackoffKey(pod, 'app');

/** A container that crashes `runMs` after each start; returns the restart delays in seconds. */
function restartGaps(crashes: number, runMs: number, timeScale = 1): number[] {
  const policy = crashLoopBackoffPolicy(timeScale);
  let table: BackoffTable = {};
  let finishedAt = 0;
  const gaps: number[] = [];
  for (let i = 0; i < crashes; i++) {
    const restartAt = finishedAt + backoffRemainingSince(table, key, finishedAt, finishedAt, policy);
    gaps.push((restartAt - finishedAt) / 1000);
    table = nextBackoff(table, key, finishedAt, restartAt, policy);
    finishedAt = restartAt + runMs;
  }
  return gaps;
}

describe('crash-loop back-off', () => {
  it('restarts at once, then waits 10, 20, 40 … 300 s', () => {
    expect(restartGaps(8, 1000)).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
  });

  it('is scaled by timeScale', () => {
    expect(restartGaps(4, 100, 0.1)).toEqual([0, 1, 2, 4]);
  });

  it('resets when the container ran more than 600 s since the last restart', () => {
    expect(restartGaps(3, 601_000)).toEqual([0, 0, 0]);
  });

  it('does not reset at 600 s exactly', () => {
    expect(restartGaps(3, 600_000)).toEqual([0, 10, 20]);
  });

  it('counts the wait from the termination, not from the check', () => {
    const policy = crashLoopBackoffPolicy(1);
    const table = nextBackoff({}, key, 0, 0, policy);
    expect(backoffRemainingSince(table, key, 5000, 12_000, policy)).toBe(3000);
    expect(backoffRemainingSince(table, key, 5000, 15_000, policy)).toBe(0);
  });

  it('has an entry per key', () => {
    const policy = crashLoopBackoffPolicy(1);
    const table = nextBackoff({}, key, 0, 0, policy);
    expect(backoffRemainingSince(table, crashLoopBackoffKey(pod, 'sidecar'), 1000, 1000, policy)).toBe(0);
  });

  it('forgets entries not updated for 600 s', () => {
    const policy = crashLoopBackoffPolicy(1);
    const table = nextBackoff(nextBackoff({}, 'old', 0, 0, policy), 'new', 500_000, 500_000, policy);
    expect(Object.keys(gcBackoff(table, 700_000, policy))).toEqual(['new']);
  });

  it.each([
    [10, 'back-off 10s restarting failed container=app pod=web_default(6f1c)'],
    [20, 'back-off 20s restarting failed container=app pod=web_default(6f1c)'],
    [160, 'back-off 2m40s restarting failed container=app pod=web_default(6f1c)'],
    [300, 'back-off 5m0s restarting failed container=app pod=web_default(6f1c)'],
  ])('waiting message at %i s: %s', (seconds, message) => {
    expect(crashLoopBackOffMessage(seconds, 'app', pod)).toBe(message);
  });

  it('event message', () => {
    expect(crashLoopBackOffEventMessage('app', pod)).toBe('Back-off restarting failed container app in pod web_default(6f1c)');
  });

  it.each([
    [0, '0s'],
    [0.5, '500ms'],
    [10, '10s'],
    [80, '1m20s'],
    [300, '5m0s'],
    [3600, '1h0m0s'],
    [3725, '1h2m5s'],
  ])('Go duration of %s s is %s', (seconds, text) => {
    expect(goDuration(seconds)).toBe(text);
  });
});

describe('image-pull back-off', () => {
  it('retries 10, 20, 40 s after each failed pull, counted from the failure', () => {
    const policy = imagePullBackoffPolicy(1);
    let table: BackoffTable = {};
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      now += backoffRemainingSinceUpdate(table, 'uid_nginx:1.161', now, policy);
      table = nextBackoff(table, 'uid_nginx:1.161', now, now, policy); // the pull fails at once
      waits.push(backoffRemainingSinceUpdate(table, 'uid_nginx:1.161', now, policy) / 1000);
    }
    expect(waits).toEqual([10, 20, 40, 80]);
  });

  it('is over once the back-off has passed', () => {
    const policy = imagePullBackoffPolicy(1);
    const table = nextBackoff({}, 'k', 1000, 1000, policy);
    expect(backoffRemainingSinceUpdate(table, 'k', 6000, policy)).toBe(5000);
    expect(backoffRemainingSinceUpdate(table, 'k', 11_000, policy)).toBe(0);
  });
});

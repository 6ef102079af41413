import { newBucket, swapRate, tryAccept } from './token-bucket';

describe('token bucket (burst 1)', () => {
  it('starts full: one token at once, the next after 1/qps seconds', () => {
    let b = newBucket(0.1, 0);
    let ok: boolean;
    [ok, b] = tryAccept(b, 0);
    expect(ok).toBe(true);
    [ok, b] = tryAccept(b, 9_999);
    expect(ok).toBe(false);
    [ok, b] = tryAccept(b, 10_000);
    expect(ok).toBe(true);
  });

  it('never holds more than one token', () => {
    let b = newBucket(1, 0);
    let ok: boolean;
    [ok, b] = tryAccept(b, 60_000);
    [ok, b] = tryAccept(b, 60_000);
    expect(ok).toBe(false);
  });

  it('a rate of 0 never accepts', () => {
    expect(tryAccept(newBucket(0, 0), 1e9)[0]).toBe(false);
  });

  it('a new rate starts full, unless the old bucket was empty', () => {
    const full = newBucket(0.1, 0);
    expect(tryAccept(swapRate(full, 1, 0), 0)[0]).toBe(true);
    const [, empty] = tryAccept(full, 0);
    expect(tryAccept(swapRate(empty, 1, 0), 0)[0]).toBe(false);
    expect(tryAccept(swapRate(empty, 1, 0), 1_000)[0]).toBe(true);
  });

  it('the same rate keeps the bucket', () => {
    const b = newBucket(0.1, 0);
    expect(swapRate(b, 0.1, 5_000)).toBe(b);
  });
});

import { StallDetector } from './stall-detector';

describe('a follower of the log that is stuck', () => {
  it('given the follower is behind, when nothing more was delivered by the next check, then it is stalled', () => {
    const d = new StallDetector();
    expect(d.check(10, 12)).toBe(false);
    expect(d.check(10, 12)).toBe(true);
  });

  it('given the follower is behind but catching up, then it is not stalled', () => {
    const d = new StallDetector();
    expect(d.check(10, 500)).toBe(false);
    expect(d.check(200, 600)).toBe(false);
    expect(d.check(400, 600)).toBe(false);
  });

  it('given the follower has everything, then it is never stalled however long the log is quiet', () => {
    const d = new StallDetector();
    expect([d.check(12, 12), d.check(12, 12), d.check(12, 12)]).toEqual([false, false, false]);
  });

  it('after a stall is reported (and the consumer replaced), the next stall needs two checks again', () => {
    const d = new StallDetector();
    d.check(10, 12);
    expect(d.check(10, 12)).toBe(true);
    expect(d.check(10, 12)).toBe(false);
    expect(d.check(10, 12)).toBe(true);
  });
});

/**
 * A CronJob's schedule under the cluster's time scale (docs/decisions.md): a schedule is read on a
 * clock that runs 1/scale times faster than the wall clock, anchored at the CronJob's creation, so
 * `*\/1 * * * *` at time scale 0.1 fires every 6 s, and at scale 1 exactly as upstream.
 */
export interface ScaledClock {
  /** Schedule time of a wall-clock moment. */
  toSchedule(realMs: number): number;
  /** Wall-clock moment of a schedule time. */
  toReal(scheduleMs: number): number;
}

export function scaledClock(anchorMs: number, timeScale: number): ScaledClock {
  return {
    toSchedule: (t) => anchorMs + (t - anchorMs) / timeScale,
    toReal: (v) => anchorMs + (v - anchorMs) * timeScale,
  };
}

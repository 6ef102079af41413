import { scaledMs } from './timestamps';

/**
 * client-go's flowcontrol.Backoff as the kubelet uses it (semantics §5), as pure functions over
 * an immutable table. Durations are kept in Kubernetes seconds (what messages show) and turned
 * into simulated milliseconds with the policy's timeScale; times are simulated ms.
 */
export interface BackoffPolicy {
  readonly initialSeconds: number;
  readonly maxSeconds: number;
  readonly timeScale: number;
}

export interface BackoffEntry {
  /** The current back-off, in Kubernetes seconds. */
  readonly current: number;
  readonly lastUpdate: number;
}

export type BackoffTable = Readonly<Record<string, BackoffEntry>>;

export const CRASH_LOOP_BACKOFF_INITIAL_SECONDS = 10;
export const CRASH_LOOP_BACKOFF_MAX_SECONDS = 300;
export const IMAGE_PULL_BACKOFF_INITIAL_SECONDS = 10;
export const IMAGE_PULL_BACKOFF_MAX_SECONDS = 300;

export function crashLoopBackoffPolicy(timeScale: number): BackoffPolicy {
  return { initialSeconds: CRASH_LOOP_BACKOFF_INITIAL_SECONDS, maxSeconds: CRASH_LOOP_BACKOFF_MAX_SECONDS, timeScale };
}

export function imagePullBackoffPolicy(timeScale: number): BackoffPolicy {
  return { initialSeconds: IMAGE_PULL_BACKOFF_INITIAL_SECONDS, maxSeconds: IMAGE_PULL_BACKOFF_MAX_SECONDS, timeScale };
}

/** An entry is forgotten once 2 × max (600 s) pass between its last update and a new event. */
function hasExpired(eventTime: number, lastUpdate: number, policy: BackoffPolicy): boolean {
  return eventTime - lastUpdate > scaledMs(2 * policy.maxSeconds, policy.timeScale);
}

/**
 * `IsInBackOffSince(key, eventTime)`: ms still to wait, counted from `eventTime` (a container's
 * finishedAt), before `key` may restart; 0 when it may restart now. No entry → 0 (first crash).
 */
export function backoffRemainingSince(
  table: BackoffTable,
  key: string,
  eventTime: number,
  now: number,
  policy: BackoffPolicy,
): number {
  const entry = table[key];
  if (!entry || hasExpired(eventTime, entry.lastUpdate, policy)) return 0;
  return Math.max(0, eventTime + scaledMs(entry.current, policy.timeScale) - now);
}

/** `IsInBackOffSinceUpdate(key, now)`: the image-pull form, counted from the entry's last update. */
export function backoffRemainingSinceUpdate(table: BackoffTable, key: string, now: number, policy: BackoffPolicy): number {
  const entry = table[key];
  if (!entry || hasExpired(now, entry.lastUpdate, policy)) return 0;
  return Math.max(0, entry.lastUpdate + scaledMs(entry.current, policy.timeScale) - now);
}

/** `Next(key, eventTime)`: start at the initial back-off, or double it up to the max. */
export function nextBackoff(
  table: BackoffTable,
  key: string,
  eventTime: number,
  now: number,
  policy: BackoffPolicy,
): BackoffTable {
  const entry = table[key];
  const current =
    !entry || hasExpired(eventTime, entry.lastUpdate, policy)
      ? policy.initialSeconds
      : Math.min(entry.current * 2, policy.maxSeconds);
  return { ...table, [key]: { current, lastUpdate: now } };
}

/** `GC()`: drops entries not updated for 2 × max. */
export function gcBackoff(table: BackoffTable, now: number, policy: BackoffPolicy): BackoffTable {
  return Object.fromEntries(Object.entries(table).filter(([, e]) => !hasExpired(now, e.lastUpdate, policy)));
}

export interface PodRef {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
}

/** kubelet `format.Pod`: `name_namespace(uid)`. */
export function formatPod(pod: PodRef): string {
  return `${pod.name}_${pod.namespace}(${pod.uid})`;
}

/** kuberuntime `GetStableKey`: the crash back-off is per pod, container and container spec. */
export function crashLoopBackoffKey(pod: PodRef, containerName: string, specHash = ''): string {
  return `${pod.name}_${pod.namespace}_${pod.uid}_${containerName}_${specHash}`;
}

/** image_manager.go: the pull back-off is per pod and image. */
export function imagePullBackoffKey(podUid: string, image: string): string {
  return `${podUid}_${image}`;
}

/** The `CrashLoopBackOff` waiting message; `seconds` is the current back-off in Kubernetes seconds. */
export function crashLoopBackOffMessage(seconds: number, containerName: string, pod: PodRef): string {
  return `back-off ${goDuration(seconds)} restarting failed container=${containerName} pod=${formatPod(pod)}`;
}

/** The kubelet's `Warning BackOff` event message. */
export function crashLoopBackOffEventMessage(containerName: string, pod: PodRef): string {
  return `Back-off restarting failed container ${containerName} in pod ${formatPod(pod)}`;
}

/** Go's time.Duration String(): `10s`, `1m20s`, `5m0s`, `1h0m0s`, `500ms`. */
export function goDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  if (seconds < 1) return `${Number((seconds * 1000).toFixed(6))}ms`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Number((seconds % 60).toFixed(9));
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

import { rfc3339, type Job, type JobStatus, type Pod } from '@kubesim/api';
import { controllerOf, deletionOrder, isReady } from '../shared/pod-state';
import type { ReconcileContext } from '../shared/owner';
import { formatIndexes, parseIndexes } from './indexes';
import { finishedAt, indexOf, isActivePod, isFailedPod, isSucceeded, isTerminating, jobPod } from './job-pods';
import { matchPodFailurePolicy } from './pod-failure-policy';

/** What one Job sync asks of the cluster; the shell carries them out in order. */
export type JobAction =
  | { type: 'create'; pod: Record<string, any>; index?: number }
  | { type: 'delete'; pod: Pod; cause: string }
  | { type: 'status'; status: JobStatus }
  | { type: 'event'; eventType: 'Normal' | 'Warning'; reason: string; message: string }
  /** ttl-after-finished: the finished Job is deleted (its pods follow through the garbage collector). */
  | { type: 'deleteJob'; cause: string };

export interface JobDecision {
  actions: JobAction[];
  /** Sync again after this long (real ms): a back-off, a deadline or a TTL that falls due. */
  requeueAfterMs?: number;
}

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (job_controller.go). */
export const POD_FAILURE_BACKOFF_SECONDS = 10;
export const MAX_POD_FAILURE_BACKOFF_SECONDS = 600;
/** upstream's cap on pods created or deleted per sync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
export const JOB_CONTROLLER = 'kubernetes.io/job-controller';

export const REASON = {
  BackoffLimitExceeded: { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
  DeadlineExceeded: { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' },
  MaxFailedIndexesExceeded: { reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' },
  FailedIndexes: { reason: 'FailedIndexes', message: 'Job has failed indexes' },
  CompletionsReached: { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
} as const;

type Cond = NonNullable<JobStatus['conditions']>[number];
interface Outcome {
  reason: string;
  message: string;
}

const condition = (type: string, o: Outcome, at: string, status: 'True' | 'False' = 'True'): Cond => ({ type, status, lastProbeTime: at, lastTransitionTime: at, reason: o.reason, message: o.message });
const findCond = (s: JobStatus, type: string) => s.conditions?.find((c) => c.type === type);
const isTrue = (s: JobStatus, type: string) => findCond(s, type)?.status === 'True';
const sec = (n: number, ctx: ReconcileContext) => n * 1000 * ctx.timeScale;

/** 10 s × 2^(n−1), at most 10 min, after the n-th consecutive failure (scaled). */
export const podFailureBackoffMs = (failures: number, timeScale: number) =>
  failures <= 0 ? 0 : Math.min(POD_FAILURE_BACKOFF_SECONDS * 2 ** (failures - 1), MAX_POD_FAILURE_BACKOFF_SECONDS) * 1000 * timeScale;

/** A pod's finish time as getFinishedTime: the containers' finishedAt, else its deletion less the grace period. */
function finishTime(p: Pod): number {
  if ((p.status.containerStatuses ?? []).some((c) => c.state?.terminated?.finishedAt) || !p.metadata.deletionTimestamp) return finishedAt(p);
  return Date.parse(p.metadata.deletionTimestamp) - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
}

function ttlDecision(job: Job, ctx: ReconcileContext): JobDecision {
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl == null || job.metadata.deletionTimestamp) return { actions: [] };
  const done = findCond(job.status, 'Complete')?.status === 'True' ? findCond(job.status, 'Complete') : findCond(job.status, 'Failed');
  const due = Date.parse(done?.lastTransitionTime ?? job.metadata.creationTimestamp) + sec(ttl, ctx);
  if (ctx.now >= due) return { actions: [{ type: 'deleteJob', cause: `${job.metadata.name} finished more than its ttlSecondsAfterFinished (${ttl}s) ago` }] };
  return { actions: [], requeueAfterMs: due - ctx.now };
}

/**
 * One Job sync (pure; job_controller.go syncJob): count the Job's pods, decide failure (pod failure
 * policy, backoff limit, deadline, failed indexes) or success (completions, success policy), delete
 * what must stop, create what is missing (after the failure back-off), and the status with the 1.32
 * conditions: FailureTarget/SuccessCriteriaMet first, Failed/Complete once no pod is left running.
 */
export function reconcileJob(job: Job, pods: readonly Pod[], ctx: ReconcileContext): JobDecision {
  if (job.spec.managedBy && job.spec.managedBy !== JOB_CONTROLLER) return { actions: [] };
  const old: JobStatus = job.status ?? {};
  if (isTrue(old, 'Complete') || isTrue(old, 'Failed')) return ttlDecision(job, ctx);
  if (job.metadata.deletionTimestamp) return { actions: [] };

  const at = rfc3339(ctx.now);
  const actions: JobAction[] = [];
  const events: JobAction[] = [];
  const requeue: number[] = [];
  const spec = job.spec;
  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions ?? undefined;
  const perIndex = indexed && spec.backoffLimitPerIndex != null;
  const waitForTerminal = spec.podReplacementPolicy === 'Failed' || Boolean(spec.podFailurePolicy);

  const mine = pods.filter((p) => p.metadata.namespace === job.metadata.namespace && controllerOf(p)?.uid === job.metadata.uid);
  const active = mine.filter(isActivePod);
  const terminating = mine.filter(isTerminating);
  const succeededPods = mine.filter(isSucceeded);

  // The pod failure policy, over every failed pod still there.
  let failJobMessage: string | undefined;
  const failedIndexes = parseIndexes(old.failedIndexes);
  const counted: Pod[] = [];
  for (const p of mine.filter((x) => isFailedPod(job, x))) {
    const m = p.status.phase === 'Failed' ? matchPodFailurePolicy(job, p) : undefined;
    if (m?.action === 'Ignore') continue;
    if (m?.action === 'FailJob') failJobMessage ??= m.message;
    if (m?.action === 'FailIndex' && indexOf(p) !== undefined) failedIndexes.add(indexOf(p)!);
    counted.push(p);
  }
  // No job-tracking finalizer here: counts are the terminal pods still there, never below the status (docs/decisions.md).
  const failed = Math.max(old.failed ?? 0, counted.length);
  const completed = parseIndexes(old.completedIndexes);
  if (indexed) for (const p of succeededPods) if (indexOf(p)! < (completions ?? 0)) completed.add(indexOf(p)!);
  const succeeded = indexed ? completed.size : Math.max(old.succeeded ?? 0, succeededPods.length);

  // backoffLimitPerIndex: an index fails after more failures than the limit.
  const indexFailures = new Map<number, number>();
  if (perIndex) {
    for (const p of counted) {
      const i = indexOf(p);
      if (i === undefined) continue;
      const before = Number(p.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'] ?? 0);
      indexFailures.set(i, Math.max(indexFailures.get(i) ?? 0, before + 1));
    }
    for (const [i, n] of indexFailures) if (n > spec.backoffLimitPerIndex!) failedIndexes.add(i);
    for (const i of completed) failedIndexes.delete(i);
  }

  // Suspend and resume.
  const conditions: Cond[] = [...(old.conditions ?? [])];
  const setCond = (c: Cond) => {
    const i = conditions.findIndex((x) => x.type === c.type);
    if (i < 0) conditions.push(c);
    else if (conditions[i].status !== c.status) conditions[i] = c;
  };
  let startTime = old.startTime;
  const suspended = spec.suspend && !findCond(old, 'FailureTarget') && !findCond(old, 'SuccessCriteriaMet');
  if (suspended) {
    if (!isTrue(old, 'Suspended')) {
      setCond(condition('Suspended', { reason: 'JobSuspended', message: 'Job suspended' }, at));
      events.push({ type: 'event', eventType: 'Normal', reason: 'Suspended', message: 'Job suspended' });
    }
    startTime = undefined;
  } else {
    if (isTrue(old, 'Suspended')) {
      setCond(condition('Suspended', { reason: 'JobResumed', message: 'Job resumed' }, at, 'False'));
      events.push({ type: 'event', eventType: 'Normal', reason: 'Resumed', message: 'Job resumed' });
      startTime = at;
    }
    startTime ??= at;
  }

  // Failure, then success (in upstream's order).
  let failure: Outcome | undefined = findCond(old, 'FailureTarget')?.status === 'True' ? (findCond(old, 'FailureTarget') as Outcome) : undefined;
  if (!failure && !suspended) {
    const restarts = active.filter((p) => p.spec.restartPolicy === 'OnFailure').reduce((n, p) => n + (p.status.containerStatuses ?? []).reduce((m, c) => m + c.restartCount, 0), 0);
    const pastOnFailure = active.some((p) => p.spec.restartPolicy === 'OnFailure') && (spec.backoffLimit === 0 ? restarts > 0 : restarts >= spec.backoffLimit);
    const deadline = spec.activeDeadlineSeconds != null && startTime ? Date.parse(startTime) + sec(spec.activeDeadlineSeconds, ctx) : undefined;
    if (failJobMessage) failure = { reason: 'PodFailurePolicy', message: failJobMessage };
    else if (!perIndex && (failed > spec.backoffLimit || pastOnFailure)) failure = REASON.BackoffLimitExceeded;
    else if (deadline !== undefined && ctx.now >= deadline) failure = REASON.DeadlineExceeded;
    else if (perIndex && spec.maxFailedIndexes != null && failedIndexes.size > spec.maxFailedIndexes) failure = REASON.MaxFailedIndexesExceeded;
    else if (perIndex && failedIndexes.size > 0 && completed.size + failedIndexes.size >= completions!) failure = REASON.FailedIndexes;
    if (deadline !== undefined && !failure) requeue.push(deadline - ctx.now);
  }
  let success: Outcome | undefined = findCond(old, 'SuccessCriteriaMet')?.status === 'True' ? (findCond(old, 'SuccessCriteriaMet') as Outcome) : undefined;
  if (!failure && !success && !suspended) {
    const rule = indexed ? (spec.successPolicy?.rules ?? []).findIndex((r) => successRuleMet(r, completed)) : -1;
    if (rule >= 0) success = { reason: 'SuccessPolicy', message: `Matched rules at index ${rule}` };
    else if (indexed ? succeeded >= completions! : completions != null ? succeeded >= completions : succeeded > 0 && active.length === 0) success = REASON.CompletionsReached;
  }

  const finishing = failure ?? success;
  const stop = (pods: Pod[], cause: string) => {
    for (const p of pods.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC)) actions.push({ type: 'delete', pod: p, cause });
  };
  if (finishing) {
    if (failure && !findCond(old, 'FailureTarget')) setCond(condition('FailureTarget', failure, at));
    if (success && !findCond(old, 'SuccessCriteriaMet')) setCond(condition('SuccessCriteriaMet', success, at));
    stop(active, `${job.metadata.name} ${failure ? `failed: ${failure.message}` : 'succeeded'}`);
  } else if (suspended) {
    stop(active, `${job.metadata.name} is suspended`);
  } else {
    planPods(job, { active, terminating, succeeded, completed, failedIndexes, indexFailures, counted, succeededPods, waitForTerminal }, ctx, actions, requeue);
  }

  // The terminal condition once nothing runs any more.
  let completionTime = old.completionTime;
  if (finishing && active.length === 0 && terminating.length === 0) {
    if (failure) {
      setCond(condition('Failed', failure, at));
      events.push({ type: 'event', eventType: 'Warning', reason: failure.reason, message: failure.message });
    } else {
      setCond(condition('Complete', success!, at));
      completionTime = at;
      events.push({ type: 'event', eventType: 'Normal', reason: 'Completed', message: 'Job completed' });
    }
  }

  const creates = actions.filter((a) => a.type === 'create').length;
  const deletes = new Set(actions.filter((a) => a.type === 'delete').map((a) => (a as { pod: Pod }).pod.metadata.uid));
  const status: JobStatus = {
    ...(conditions.length ? { conditions } : {}),
    ...(startTime ? { startTime } : {}),
    ...(completionTime ? { completionTime } : {}),
    active: active.filter((p) => !deletes.has(p.metadata.uid)).length + creates,
    ...(failed ? { failed } : {}),
    ...(succeeded ? { succeeded } : {}),
    terminating: terminating.length + deletes.size,
    ...(indexed ? { completedIndexes: formatIndexes(completed) } : {}),
    ...(perIndex ? { failedIndexes: formatIndexes(failedIndexes) } : {}),
    uncountedTerminatedPods: {},
    ready: active.filter((p) => !deletes.has(p.metadata.uid) && isReady(p)).length,
  };
  if (!status.active) delete status.active;
  if (JSON.stringify(status) !== JSON.stringify(old)) actions.push({ type: 'status', status });
  actions.push(...events);
  const positive = requeue.filter((ms) => ms > 0);
  return { actions, ...(positive.length ? { requeueAfterMs: Math.min(...positive) } : {}) };
}

function successRuleMet(rule: { succeededIndexes?: string; succeededCount?: number }, completed: Set<number>): boolean {
  if (rule.succeededIndexes !== undefined) {
    const wanted = [...parseIndexes(rule.succeededIndexes)];
    const done = wanted.filter((i) => completed.has(i)).length;
    return rule.succeededCount != null ? done >= rule.succeededCount : done === wanted.length;
  }
  return rule.succeededCount != null && completed.size >= rule.succeededCount;
}

interface Counts {
  active: Pod[];
  terminating: Pod[];
  succeeded: number;
  completed: Set<number>;
  failedIndexes: Set<number>;
  indexFailures: Map<number, number>;
  counted: Pod[];
  succeededPods: Pod[];
  waitForTerminal: boolean;
}

/** Creates (after the failure back-off) or deletes pods until as many run as the Job wants. */
function planPods(job: Job, c: Counts, ctx: ReconcileContext, actions: JobAction[], requeue: number[]) {
  const spec = job.spec;
  const busy = [...c.active, ...(c.waitForTerminal ? c.terminating : [])];
  // Consecutive failures since the last success, and the back-off they impose.
  const lastSuccess = Math.max(0, ...c.succeededPods.map(finishTime));
  const recent = c.counted.filter((p) => finishTime(p) > lastSuccess);
  const backoffUntil = (fails: Pod[]) => (fails.length ? Math.max(...fails.map(finishTime)) + podFailureBackoffMs(fails.length, ctx.timeScale) : 0);

  if (spec.completionMode === 'Indexed') {
    const completions = spec.completions ?? 0;
    const held = new Set(busy.map(indexOf));
    const pending: number[] = [];
    for (let i = 0; i < completions && pending.length < MAX_POD_CREATE_DELETE_PER_SYNC; i++) if (!c.completed.has(i) && !c.failedIndexes.has(i) && !held.has(i)) pending.push(i);
    let room = Math.max(0, spec.parallelism - busy.length);
    const globalUntil = spec.backoffLimitPerIndex == null ? backoffUntil(recent) : 0;
    for (const i of pending) {
      if (room <= 0) break;
      const until = spec.backoffLimitPerIndex != null ? backoffUntil(recent.filter((p) => indexOf(p) === i)) : globalUntil;
      if (until > ctx.now) {
        requeue.push(until - ctx.now);
        continue;
      }
      actions.push({ type: 'create', pod: jobPod(job, ctx.suffix(), i, c.indexFailures.get(i) ?? 0), index: i });
      room--;
    }
    // Completed indexes that still have a pod, and a parallelism lowered: the surplus goes.
    const surplus = c.active.filter((p) => c.completed.has(indexOf(p) ?? -1) || c.failedIndexes.has(indexOf(p) ?? -1));
    const over = busy.length - surplus.length - spec.parallelism;
    const extra = over > 0 ? c.active.filter((p) => !surplus.includes(p)).sort((a, b) => (indexOf(b) ?? 0) - (indexOf(a) ?? 0)).slice(0, over) : [];
    for (const p of [...surplus, ...extra]) actions.push({ type: 'delete', pod: p, cause: `${job.metadata.name} does not need index ${indexOf(p)} any more` });
    return;
  }
  const want = spec.completions != null ? Math.min(spec.parallelism, Math.max(0, spec.completions - c.succeeded)) : c.succeeded > 0 ? 0 : spec.parallelism;
  const diff = want - busy.length;
  if (diff > 0) {
    const until = backoffUntil(recent);
    if (until > ctx.now) requeue.push(until - ctx.now);
    else for (let i = 0; i < Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC); i++) actions.push({ type: 'create', pod: jobPod(job, ctx.suffix()) });
  } else if (diff < 0 && c.active.length > 0) {
    for (const p of [...c.active].sort(deletionOrder).slice(0, Math.min(-diff, c.active.length))) actions.push({ type: 'delete', pod: p, cause: `${job.metadata.name} has more active pods than its parallelism ${spec.parallelism}` });
  }
}

import type { Pod } from '@kubesim/api';
import { ctx, T0 } from '../shared/workload.fixtures';
import { aJob, aJobPod } from './job.fixtures';
import { podFailureBackoffMs, reconcileJob, type JobAction } from './job.reconcile';

const at = (ms: number) => ({ ...ctx, now: T0 + ms });
const of = <T extends JobAction['type']>(actions: JobAction[], type: T) => actions.filter((a) => a.type === type) as Extract<JobAction, { type: T }>[];
const statusOf = (actions: JobAction[]) => of(actions, 'status')[0]?.status;
const conds = (actions: JobAction[]) => (statusOf(actions)?.conditions ?? []).filter((c) => c.status === 'True').map((c) => `${c.type}/${c.reason}`);
const events = (actions: JobAction[]) => of(actions, 'event').map((e) => `${e.eventType} ${e.reason} ${e.message}`);

describe('Job controller', () => {
  describe('given the pi Job (completions 1, backoffLimit 4)', () => {
    const pi = aJob('pi', { backoffLimit: 4 });

    it('when it has no pod: creates one from the template, owned by the Job, named pi-<5>, and sets startTime', () => {
      const { actions } = reconcileJob(pi, [], at(0));
      const [create] = of(actions, 'create');
      expect(create.pod.metadata).toMatchObject({ generateName: 'pi-', labels: { 'job-name': 'pi', 'batch.kubernetes.io/controller-uid': 'uid-pi' }, ownerReferences: [{ kind: 'Job', name: 'pi', uid: 'uid-pi', controller: true, blockOwnerDeletion: true }] });
      expect(create.pod.metadata.name).toMatch(/^pi-\w{5}$/);
      expect(statusOf(actions)).toMatchObject({ startTime: '2026-01-01T00:00:00Z', active: 1, terminating: 0, ready: 0, uncountedTerminatedPods: {} });
    });

    it('when its pod succeeded: SuccessCriteriaMet and Complete (CompletionsReached), completionTime, event Completed "Job completed"', () => {
      const running = { ...pi, status: { startTime: '2026-01-01T00:00:00Z', active: 1 } };
      const { actions } = reconcileJob(running, [aJobPod(pi, 'pi-abcde', { phase: 'Succeeded', finished: T0 + 20_000 })], at(25_000));
      expect(of(actions, 'create')).toEqual([]);
      expect(conds(actions)).toEqual(['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached']);
      expect(statusOf(actions)).toMatchObject({ succeeded: 1, completionTime: '2026-01-01T00:00:25Z' });
      expect(statusOf(actions)!.conditions![1].message).toBe('Reached expected number of succeeded pods');
      expect(events(actions)).toEqual(['Normal Completed Job completed']);
    });

    it('when its pod failed: waits the back-off (10 s, scaled) before the replacement', () => {
      const failedPod = aJobPod(pi, 'pi-1', { phase: 'Failed', finished: T0 + 5_000 });
      const early = reconcileJob(pi, [failedPod], at(10_000));
      expect(of(early.actions, 'create')).toEqual([]);
      expect(early.requeueAfterMs).toBe(5_000);
      expect(statusOf(early.actions)).toMatchObject({ failed: 1 });
      expect(of(reconcileJob(pi, [failedPod], at(15_000)).actions, 'create')).toHaveLength(1);
    });
  });

  it('the back-off doubles from 10 s to at most 10 min, times the time scale', () => {
    expect([1, 2, 3, 7, 8, 20].map((n) => podFailureBackoffMs(n, 1) / 1000)).toEqual([10, 20, 40, 600, 600, 600]);
    expect(podFailureBackoffMs(2, 0.1)).toBe(2000);
  });

  it('given backoffLimit 1 and two failed pods: FailureTarget then Failed BackoffLimitExceeded, Warning event with upstream message', () => {
    const job = aJob('fail', { backoffLimit: 1 });
    const pods = [aJobPod(job, 'a', { phase: 'Failed' }), aJobPod(job, 'b', { phase: 'Failed', finished: T0 + 20_000 })];
    const { actions } = reconcileJob(job, pods, at(60_000));
    expect(conds(actions)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
    expect(events(actions)).toEqual(['Warning BackoffLimitExceeded Job has reached the specified backoff limit']);
    expect(of(actions, 'create')).toEqual([]);
  });

  it('given activeDeadlineSeconds passed with a pod running: FailureTarget DeadlineExceeded, the pod is deleted, Failed only once it is gone', () => {
    const job = aJob('slow', { activeDeadlineSeconds: 30 }, { startTime: '2026-01-01T00:00:00Z', active: 1 });
    const running = aJobPod(job, 'slow-1');
    const first = reconcileJob(job, [running], at(31_000));
    expect(conds(first.actions)).toEqual(['FailureTarget/DeadlineExceeded']);
    expect(of(first.actions, 'delete').map((d) => d.pod.metadata.name)).toEqual(['slow-1']);
    const after = { ...job, status: statusOf(first.actions)! };
    const second = reconcileJob(after, [], at(40_000));
    expect(conds(second.actions)).toEqual(['FailureTarget/DeadlineExceeded', 'Failed/DeadlineExceeded']);
    expect(events(second.actions)).toEqual(['Warning DeadlineExceeded Job was active longer than specified deadline']);
  });

  it('before the deadline: asks to be synced again when it falls due', () => {
    const job = aJob('slow', { activeDeadlineSeconds: 30 }, { startTime: '2026-01-01T00:00:00Z', active: 1 });
    expect(reconcileJob(job, [aJobPod(job, 'slow-1')], at(10_000)).requeueAfterMs).toBe(20_000);
  });

  describe('given an Indexed Job (completions 3, parallelism 2)', () => {
    const job = aJob('idx', { completionMode: 'Indexed', completions: 3, parallelism: 2 });

    it('creates the lowest pending indexes: name idx-<i>-<5>, hostname idx-<i>, the index annotation and label, JOB_COMPLETION_INDEX', () => {
      const creates = of(reconcileJob(job, [], at(0)).actions, 'create');
      expect(creates.map((c) => c.index)).toEqual([0, 1]);
      const pod = creates[1].pod;
      expect(pod.metadata.generateName).toBe('idx-1-');
      expect(pod.spec.hostname).toBe('idx-1');
      expect(pod.metadata.annotations['batch.kubernetes.io/job-completion-index']).toBe('1');
      expect(pod.metadata.labels['batch.kubernetes.io/job-completion-index']).toBe('1');
      expect(pod.spec.containers[0].env).toContainEqual({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } });
    });

    it('records completedIndexes and completes when every index succeeded', () => {
      const pods = [0, 1, 2].map((i) => aJobPod(job, `idx-${i}`, { phase: 'Succeeded', index: i }));
      const { actions } = reconcileJob(job, pods.slice(0, 2), at(0));
      expect(statusOf(actions)).toMatchObject({ completedIndexes: '0,1', succeeded: 2 });
      expect(of(actions, 'create').map((c) => c.index)).toEqual([2]);
      expect(conds(reconcileJob(job, pods, at(0)).actions)).toContain('Complete/CompletionsReached');
    });

    it('a success policy: SuccessCriteriaMet SuccessPolicy "Matched rules at index 0", the other pods are deleted', () => {
      const sp = aJob('sp', { completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0', succeededCount: 1 }] } });
      const { actions } = reconcileJob(sp, [aJobPod(sp, 'sp-0', { phase: 'Succeeded', index: 0 }), aJobPod(sp, 'sp-1', { index: 1 })], at(0));
      expect(statusOf(actions)!.conditions).toEqual([expect.objectContaining({ type: 'SuccessCriteriaMet', reason: 'SuccessPolicy', message: 'Matched rules at index 0' })]);
      expect(of(actions, 'delete').map((d) => d.pod.metadata.name)).toEqual(['sp-1']);
    });

    it('backoffLimitPerIndex 0: a failed index is not retried; all done with a failed one → FailedIndexes', () => {
      const per = aJob('per', { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 0 });
      expect(per.spec.backoffLimit).toBe(2147483647);
      const { actions } = reconcileJob(per, [aJobPod(per, 'per-0', { phase: 'Failed', index: 0 }), aJobPod(per, 'per-1', { phase: 'Succeeded', index: 1 })], at(60_000));
      expect(statusOf(actions)).toMatchObject({ failedIndexes: '0', completedIndexes: '1' });
      expect(conds(actions)).toEqual(['FailureTarget/FailedIndexes', 'Failed/FailedIndexes']);
    });
  });

  describe('pod failure policy', () => {
    const policy = { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'c', operator: 'In', values: [42] } }, { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
    const job = aJob('pfp', { podFailurePolicy: policy, backoffLimit: 0 });

    it('FailJob on exit code 42, with upstream message', () => {
      const { actions } = reconcileJob(job, [aJobPod(job, 'pfp-1', { phase: 'Failed', exitCode: 42 })], at(0));
      expect(statusOf(actions)!.conditions![0]).toMatchObject({ type: 'FailureTarget', reason: 'PodFailurePolicy', message: 'Container c for pod default/pfp-1 failed with exit code 42 matching FailJob rule at index 0' });
    });

    it('Ignore on DisruptionTarget: not counted, replaced at once (podReplacementPolicy Failed by default)', () => {
      const disrupted = aJobPod(job, 'pfp-1', { phase: 'Failed', exitCode: 137, conditions: [{ type: 'DisruptionTarget', status: 'True' }] });
      const { actions } = reconcileJob(job, [disrupted], at(0));
      expect(conds(actions)).toEqual([]);
      expect(statusOf(actions)?.failed).toBeUndefined();
      expect(of(actions, 'create')).toHaveLength(1);
    });
  });

  describe('pods of a lost node (being deleted, not terminal)', () => {
    const lost = (job: ReturnType<typeof aJob>): Pod => aJobPod(job, 'lost-1', { deleting: true });
    it('TerminatingOrFailed: counted failed and replaced at once', () => {
      const job = aJob('tof', { backoffLimit: 6 });
      const { actions } = reconcileJob(job, [lost(job)], at(120_000));
      expect(of(actions, 'create')).toHaveLength(1);
      expect(statusOf(actions)).toMatchObject({ failed: 1, terminating: 1 });
    });
    it('Failed: no replacement until the pod is terminal or gone', () => {
      const job = aJob('f', { podReplacementPolicy: 'Failed' });
      expect(of(reconcileJob(job, [lost(job)], at(120_000)).actions, 'create')).toEqual([]);
    });
  });

  it('suspend: deletes the active pods, Suspended JobSuspended; resume: JobResumed and a new startTime', () => {
    const job = aJob('s', { suspend: true }, { startTime: '2026-01-01T00:00:00Z', active: 1 });
    const first = reconcileJob(job, [aJobPod(job, 's-1')], at(5_000));
    expect(of(first.actions, 'delete')).toHaveLength(1);
    expect(conds(first.actions)).toEqual(['Suspended/JobSuspended']);
    expect(events(first.actions)).toEqual(['Normal Suspended Job suspended']);
    expect(statusOf(first.actions)!.startTime).toBeUndefined();
    const resumed = reconcileJob({ ...job, spec: { ...job.spec, suspend: false }, status: statusOf(first.actions)! }, [], at(9_000));
    expect(statusOf(resumed.actions)!.conditions).toEqual([expect.objectContaining({ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' })]);
    expect(statusOf(resumed.actions)!.startTime).toBe('2026-01-01T00:00:09Z');
    expect(of(resumed.actions, 'create')).toHaveLength(1);
  });

  it('ttlSecondsAfterFinished: deletes the finished Job once due (scaled), else waits', () => {
    const done = aJob('t', { ttlSecondsAfterFinished: 100 }, { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] });
    expect(reconcileJob(done, [], at(5_000))).toEqual({ actions: [], requeueAfterMs: 95_000 });
    expect(reconcileJob(done, [], { ...at(10_000), timeScale: 0.1 }).actions.map((a) => a.type)).toEqual(['deleteJob']);
  });

  it('a work queue (completions unset, parallelism 2): done when one pod succeeded and none is active', () => {
    const wq = aJob('wq', { parallelism: 2 });
    expect(of(reconcileJob(wq, [], at(0)).actions, 'create')).toHaveLength(2);
    const one = reconcileJob(wq, [aJobPod(wq, 'a', { phase: 'Succeeded' }), aJobPod(wq, 'b')], at(0));
    expect(of(one.actions, 'create')).toEqual([]);
    expect(conds(one.actions)).toEqual([]);
    expect(conds(reconcileJob(wq, [aJobPod(wq, 'a', { phase: 'Succeeded' })], at(0)).actions)).toEqual(['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached']);
  });

  it('restartPolicy OnFailure: fails when the restarts reach backoffLimit', () => {
    const job = aJob('of', { backoffLimit: 2, template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } } });
    const p = aJobPod(job, 'of-1');
    p.spec.restartPolicy = 'OnFailure';
    p.status.containerStatuses![0].restartCount = 2;
    expect(conds(reconcileJob(job, [p], at(0)).actions)).toEqual(['FailureTarget/BackoffLimitExceeded']);
  });

  it('does nothing for a Job managed by another controller', () => expect(reconcileJob(aJob('m', { managedBy: 'example.com/other' }), [], at(0))).toEqual({ actions: [] }));
});

import { aPod, given, namespaceCreated, podBound, podCreated, podDeletionRequested, podStatusReported } from '@kubesim/testing';

/** Graceful deletion, kubernetes-semantics.md §7.3. The spec clock reads 10:00:00. */
const target = { namespace: 'default', name: 'x' };
const del = (extra: { gracePeriodSeconds?: number; uid?: string; resourceVersion?: string } = {}) => ({ type: 'DeletePod', ...target, ...extra }) as const;
const created = [namespaceCreated(), podCreated(aPod('x'))];
const running = [...created, podBound('x', 'node-1'), podStatusReported('x', { phase: 'Running' })];

describe('DeletePod', () => {
  it('removes an unscheduled pod at once: nobody runs it', () => {
    given(...created)
      .when(del())
      .then([{ type: 'PodDeleted', ...target, phase: 'Pending', node: undefined }]);
  });

  it.each(['Succeeded', 'Failed'] as const)('removes a pod that has already finished (%s) at once', (phase) => {
    given(...created, podBound('x', 'node-1'), podStatusReported('x', { phase }))
      .when(del())
      .then([{ type: 'PodDeleted', ...target, phase, node: 'node-1' }]);
  });

  it.each([
    ['default grace 30 s, real time', {}, 1, '2024-05-01T10:00:30Z', 30],
    ['default grace 30 s at time scale 0.5', {}, 0.5, '2024-05-01T10:00:15Z', 30],
    ['explicit grace 5 s', { gracePeriodSeconds: 5 }, 1, '2024-05-01T10:00:05Z', 5],
  ])('asks the kubelet to stop a bound pod: %s', (_case, options, timeScale, deletionTimestamp, gracePeriodSeconds) => {
    given(...running)
      .when(del(options), { timeScale })
      .then([{ type: 'PodDeletionRequested', ...target, deletionTimestamp, gracePeriodSeconds }]);
  });

  it("uses the pod's own terminationGracePeriodSeconds", () => {
    given(namespaceCreated(), podCreated(aPod('x', { terminationGracePeriodSeconds: 120 })), podBound('x', 'node-1'))
      .when(del())
      .then([{ type: 'PodDeletionRequested', deletionTimestamp: '2024-05-01T10:02:00Z', gracePeriodSeconds: 120 }]);
  });

  it('a grace period too long for any date (int64 seconds) ends at 9999-12-31T23:59:59Z, never an invalid date', () => {
    given(namespaceCreated(), podCreated(aPod('x', { terminationGracePeriodSeconds: 9e18 })), podBound('x', 'node-1'))
      .when(del())
      .then([{ type: 'PodDeletionRequested', deletionTimestamp: '9999-12-31T23:59:59Z', gracePeriodSeconds: 9e18 }]);
  });

  it('removes a bound pod at once with an explicit grace period of 0 (force delete)', () => {
    given(...running)
      .when(del({ gracePeriodSeconds: 0 }))
      .then([{ type: 'PodDeleted', ...target, phase: 'Running', node: 'node-1' }]);
  });

  describe('a pod that is already terminating (deadline 10:00:30)', () => {
    const terminating = [...running, podDeletionRequested('x', '2024-05-01T10:00:30Z', 30)];

    it('a second delete with a longer grace changes nothing', () => {
      given(...terminating).when(del({ gracePeriodSeconds: 60 })).then([]);
    });

    it('a second delete with the default grace, later on, changes nothing', () => {
      given(...terminating)
        .when(del(), { now: Date.parse('2024-05-01T10:00:10Z') })
        .then([]);
    });

    it('a second delete with a shorter grace brings the deadline forward', () => {
      given(...terminating)
        .when(del({ gracePeriodSeconds: 10 }))
        .then([{ type: 'PodDeletionRequested', deletionTimestamp: '2024-05-01T10:00:10Z', gracePeriodSeconds: 10 }]);
    });

    it("the kubelet's final delete (grace 0, UID precondition) removes it", () => {
      given(...terminating)
        .when(del({ gracePeriodSeconds: 0, uid: 'uid-x' }), { by: 'kubelet/node-1' })
        .then([{ type: 'PodDeleted', ...target, node: 'node-1' }]);
    });
  });

  it.each([
    ['a UID precondition for another incarnation', { uid: 'uid-old' }, /Precondition failed: UID in precondition: uid-old/],
    ['a stale resourceVersion precondition', { resourceVersion: '1' }, /the object has been modified/],
  ])('refuses %s: Conflict', (_case, preconditions, message) => {
    given(...running).when(del(preconditions)).thenThrows('Conflict', message);
  });

  it('refuses a pod that does not exist: NotFound', () => {
    given(namespaceCreated()).when(del()).thenThrows('NotFound', 'pods "x" not found');
  });
});

import { given, namespaceCreated, aPod, podBound, podCreated, podStatusReported } from '@kubesim/testing';

const x = aPod('x');
const target = { namespace: 'default', name: 'x' };

describe('CreatePod', () => {
  it('records the pod and its first phase, null → Pending, at the command time and by its caller', () => {
    given(namespaceCreated())
      .when({ type: 'CreatePod', pod: x }, { by: 'kubectl-create' })
      .then([
        { type: 'PodCreated', pod: x, at: '2024-05-01T10:00:00.000Z', by: 'kubectl-create' },
        { type: 'PodPhaseChanged', ...target, from: null, to: 'Pending', reason: 'Created' },
      ]);
  });

  it('refuses a name that is taken: AlreadyExists', () => {
    given(namespaceCreated(), podCreated(x)).when({ type: 'CreatePod', pod: x }).thenThrows('AlreadyExists', 'pods "x" already exists');
  });

  it('refuses a pod whose namespace does not exist: NotFound', () => {
    const pod = aPod('x', {}, 'staging');
    given(namespaceCreated()).when({ type: 'CreatePod', pod }).thenThrows('NotFound', 'namespaces "staging" not found');
  });
});

describe('BindPod', () => {
  const bind = { type: 'BindPod', ...target, node: 'node-1' } as const;

  it('sets the node, the PodScheduled=True condition and a Scheduled event', () => {
    given(namespaceCreated(), podCreated(x))
      .when(bind, { by: 'default-scheduler' })
      .then([
        { type: 'PodBound', ...target, node: 'node-1' },
        {
          type: 'PodConditionSet',
          ...target,
          condition: { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z' },
        },
        {
          type: 'EventRecorded',
          event: {
            reason: 'Scheduled',
            type: 'Normal',
            message: 'Successfully assigned default/x to node-1',
            source: { component: 'default-scheduler' },
            involvedObject: { kind: 'Pod', namespace: 'default', name: 'x', uid: 'uid-x' },
            count: 1,
          },
        },
      ]);
  });

  it.each([
    ['to another node', 'node-2'],
    ['to the same node again', 'node-1'],
  ])('never binds a pod twice: binding a bound pod %s is a Conflict', (_case, node) => {
    given(namespaceCreated(), podCreated(x), podBound('x', 'node-1'))
      .when({ ...bind, node })
      .thenThrows('Conflict', 'Operation cannot be fulfilled on pods "x": pod x is already assigned to node "node-1"');
  });

  it('refuses a pod whose UID is not the one the scheduler saw (the name was reused): Conflict', () => {
    given(namespaceCreated(), podCreated(x))
      .when({ ...bind, uid: 'uid-of-an-older-x' })
      .thenThrows('Conflict', /Precondition failed: UID in precondition: uid-of-an-older-x, UID in object meta: uid-x$/);
  });

  it('refuses a pod that does not exist: NotFound', () => {
    given(namespaceCreated()).when(bind).thenThrows('NotFound', 'pods "x" not found');
  });
});

describe('MarkPodUnschedulable', () => {
  it('sets PodScheduled=False with reason Unschedulable and the FitError text', () => {
    const message = '0/1 nodes are available: 1 Insufficient cpu.';
    given(namespaceCreated(), podCreated(x))
      .when({ type: 'MarkPodUnschedulable', ...target, message })
      .then([{ type: 'PodConditionSet', condition: { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message } }]);
  });

  it('refuses a pod that is already bound: Conflict', () => {
    given(namespaceCreated(), podCreated(x), podBound('x', 'node-1'))
      .when({ type: 'MarkPodUnschedulable', ...target, message: 'no nodes' })
      .thenThrows('Conflict');
  });
});

describe('ReportPodStatus', () => {
  const onNode1 = [namespaceCreated(), podCreated(x), podBound('x', 'node-1')];
  const report = (phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed', node = 'node-1') =>
    ({ type: 'ReportPodStatus', ...target, node, status: { phase, podIP: '10.244.0.2' } }) as const;

  it('records the status and, when the phase changes, a PodPhaseChanged with from, to and why', () => {
    given(...onNode1)
      .when(report('Running'), { by: 'kubelet/node-1', cause: 'container app started' })
      .then([
        { type: 'PodStatusReported', ...target, status: { phase: 'Running', podIP: '10.244.0.2' } },
        { type: 'PodPhaseChanged', ...target, from: 'Pending', to: 'Running', reason: 'container app started', node: 'node-1' },
      ]);
  });

  it('without a cause, the phase change carries the status reason', () => {
    given(...onNode1)
      .when({ ...report('Failed'), status: { phase: 'Failed', reason: 'DeadlineExceeded' } })
      .then([{ type: 'PodStatusReported' }, { type: 'PodPhaseChanged', from: 'Pending', to: 'Failed', reason: 'DeadlineExceeded' }]);
  });

  it('records only the status when the phase stays the same', () => {
    given(...onNode1, podStatusReported('x', { phase: 'Running' }))
      .when(report('Running'))
      .then([{ type: 'PodStatusReported', status: { phase: 'Running' } }]);
  });

  it.each(['Succeeded', 'Failed'] as const)('keeps the terminal phase %s: a later report cannot revive the pod', (terminal) => {
    given(...onNode1, podStatusReported('x', { phase: terminal }))
      .when(report('Running'))
      .then([{ type: 'PodStatusReported', status: { phase: terminal, podIP: '10.244.0.2' } }]);
  });

  it('refuses a report from a node the pod is not bound to: Conflict', () => {
    given(...onNode1).when(report('Running', 'node-2')).thenThrows('Conflict', /pod x is not assigned to node "node-2"$/);
  });

  it('refuses a report for a pod that is not bound at all: Conflict', () => {
    given(namespaceCreated(), podCreated(x)).when(report('Running')).thenThrows('Conflict');
  });
});

describe('UpdatePodMetadata', () => {
  it('replaces labels and annotations', () => {
    given(namespaceCreated(), podCreated(x))
      .when({ type: 'UpdatePodMetadata', ...target, labels: { app: 'web' } })
      .then([{ type: 'PodMetadataUpdated', ...target, labels: { app: 'web' }, annotations: undefined }]);
  });

  it('refuses a stale resourceVersion: Conflict', () => {
    // podCreated is record 2, so the pod is at resourceVersion "2".
    given(namespaceCreated(), podCreated(x))
      .when({ type: 'UpdatePodMetadata', ...target, resourceVersion: '1', labels: {} })
      .thenThrows('Conflict', 'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again');
  });
});

describe('scheduling gates', () => {
  const gated = aPod('x', { schedulingGates: [{ name: 'example.com/foo' }, { name: 'example.com/bar' }] });
  const update = { type: 'UpdatePodMetadata', ...target, labels: gated.metadata.labels, annotations: gated.metadata.annotations } as const;

  it('removing a gate records the gates left', () => {
    given(namespaceCreated(), podCreated(gated))
      .when({ ...update, schedulingGates: [{ name: 'example.com/bar' }] })
      .then([{ type: 'PodSchedulingGatesUpdated', ...target, schedulingGates: [{ name: 'example.com/bar' }] }]);
  });

  it('the same gates again change nothing', () => {
    given(namespaceCreated(), podCreated(gated)).when({ ...update, schedulingGates: gated.spec.schedulingGates }).then([]);
  });

  it('adding a gate is Invalid, as upstream says it', () => {
    given(namespaceCreated(), podCreated(gated))
      .when({ ...update, schedulingGates: [{ name: 'example.com/foo' }, { name: 'example.com/new' }] })
      .thenThrows('Invalid', `Pod "x" is invalid: spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/new'`);
  });

  it('a gated pod cannot be bound', () => {
    given(namespaceCreated(), podCreated(gated))
      .when({ type: 'BindPod', ...target, node: 'node-1' })
      .thenThrows('Conflict', 'Operation cannot be fulfilled on pods "x": pod x has non-empty .spec.schedulingGates');
  });
});

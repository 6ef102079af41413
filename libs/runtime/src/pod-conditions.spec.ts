import type { Container, ContainerStatus, PodCondition } from '@kubesim/api';
import { running, terminated, terminationReason, waiting } from './container-status';
import { podConditions, PodConditionsInput } from './pod-conditions';
import { rfc3339 } from './timestamps';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const T1 = T0 + 60_000;
const c = (name: string, sidecar = false): Container => ({ name, image: 'busybox', ...(sidecar ? { restartPolicy: 'Always' as const } : {}) });
const base = (name: string) => ({ name, image: 'busybox', containerKey: name });
const run = (name: string, ready = true, started = true): ContainerStatus => running(base(name), T0, { ready, started });
const wait = (name: string, reason = 'ContainerCreating'): ContainerStatus => waiting(base(name), reason);
const exited = (name: string, code: number): ContainerStatus => terminated(base(name), code, terminationReason(code), T0, T0);

const input = (over: Partial<PodConditionsInput>): PodConditionsInput => ({
  spec: { containers: [c('app')] },
  phase: 'Pending',
  containerStatuses: [wait('app')],
  sandboxReady: true,
  ...over,
});
/** type=status(reason: message) for compact expectations. */
const summary = (conditions: PodCondition[]) =>
  conditions.map((x) => `${x.type}=${x.status}${x.reason ? `(${x.reason}${x.message ? `: ${x.message}` : ''})` : ''}`);

describe('podConditions', () => {
  it.each<[string, Partial<PodConditionsInput>, string[]]>([
    [
      'before the sandbox exists',
      { sandboxReady: false, containerStatuses: [] },
      [
        'PodReadyToStartContainers=False',
        'Initialized=True',
        'Ready=False(UnknownContainerStatuses)',
        'ContainersReady=False(UnknownContainerStatuses)',
        'PodScheduled=True',
      ],
    ],
    [
      'container being created',
      {},
      [
        'PodReadyToStartContainers=True',
        'Initialized=True',
        'Ready=False(ContainersNotReady: containers with unready status: [app])',
        'ContainersReady=False(ContainersNotReady: containers with unready status: [app])',
        'PodScheduled=True',
      ],
    ],
    [
      'running and ready',
      { phase: 'Running', containerStatuses: [run('app')] },
      ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
    ],
    [
      'one of two containers not reported',
      { spec: { containers: [c('a'), c('b')] }, containerStatuses: [run('a', false)] },
      [
        'PodReadyToStartContainers=True',
        'Initialized=True',
        'Ready=False(ContainersNotReady: containers with unknown status: [b], containers with unready status: [a])',
        'ContainersReady=False(ContainersNotReady: containers with unknown status: [b], containers with unready status: [a])',
        'PodScheduled=True',
      ],
    ],
    [
      'myapp-pod waiting on its init containers',
      {
        spec: { containers: [c('myapp-container')], initContainers: [c('init-myservice'), c('init-mydb')] },
        initContainerStatuses: [run('init-myservice', false), wait('init-mydb', 'PodInitializing')],
        containerStatuses: [wait('myapp-container', 'PodInitializing')],
      },
      [
        'PodReadyToStartContainers=True',
        'Initialized=False(ContainersNotInitialized: containers with incomplete status: [init-myservice init-mydb])',
        'Ready=False(ContainersNotReady: containers with unready status: [myapp-container])',
        'ContainersReady=False(ContainersNotReady: containers with unready status: [myapp-container])',
        'PodScheduled=True',
      ],
    ],
    [
      'init containers with no statuses at all',
      { spec: { containers: [c('app')], initContainers: [c('init')] }, containerStatuses: [] },
      [
        'PodReadyToStartContainers=True',
        'Initialized=False(UnknownContainerStatuses)',
        'Ready=False(UnknownContainerStatuses)',
        'ContainersReady=False(UnknownContainerStatuses)',
        'PodScheduled=True',
      ],
    ],
    [
      'a sidecar not started yet, then counted for readiness',
      {
        spec: { containers: [c('app')], initContainers: [c('proxy', true)] },
        initContainerStatuses: [run('proxy', false, false)],
        containerStatuses: [wait('app', 'PodInitializing')],
      },
      [
        'PodReadyToStartContainers=True',
        'Initialized=False(ContainersNotInitialized: containers with incomplete status: [proxy])',
        'Ready=False(ContainersNotReady: containers with unready status: [proxy app])',
        'ContainersReady=False(ContainersNotReady: containers with unready status: [proxy app])',
        'PodScheduled=True',
      ],
    ],
    [
      'an app container already ran, so the pod stays initialized',
      {
        spec: { containers: [c('app')], initContainers: [c('proxy', true)] },
        phase: 'Running',
        initContainerStatuses: [run('proxy', false, false)],
        containerStatuses: [run('app')],
      },
      [
        'PodReadyToStartContainers=True',
        'Initialized=True',
        'Ready=False(ContainersNotReady: containers with unready status: [proxy])',
        'ContainersReady=False(ContainersNotReady: containers with unready status: [proxy])',
        'PodScheduled=True',
      ],
    ],
    [
      'Succeeded',
      { phase: 'Succeeded', sandboxReady: false, containerStatuses: [exited('app', 0)] },
      [
        'PodReadyToStartContainers=False',
        'Initialized=True(PodCompleted)',
        'Ready=False(PodCompleted)',
        'ContainersReady=False(PodCompleted)',
        'PodScheduled=True',
      ],
    ],
    [
      'Failed',
      { phase: 'Failed', containerStatuses: [exited('app', 1)] },
      ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=False(PodFailed)', 'ContainersReady=False(PodFailed)', 'PodScheduled=True'],
    ],
  ])('%s', (_name, over, expected) => {
    expect(summary(podConditions(input(over), T0))).toEqual(expected);
  });

  it('every condition has a null lastProbeTime and an RFC 3339 transition time', () => {
    for (const condition of podConditions(input({}), T0)) {
      expect(condition).toMatchObject({ lastProbeTime: null, lastTransitionTime: '2025-01-01T12:00:00Z' });
    }
  });

  it('keeps lastTransitionTime when the status did not change, and moves it when it did', () => {
    const before = podConditions(input({}), T0);
    const after = podConditions(input({ phase: 'Running', containerStatuses: [run('app')] }), T1, before);
    const times = Object.fromEntries(after.map((x) => [x.type, x.lastTransitionTime]));
    expect(times).toEqual({
      PodReadyToStartContainers: rfc3339(T0),
      Initialized: rfc3339(T0),
      Ready: rfc3339(T1),
      ContainersReady: rfc3339(T1),
      PodScheduled: rfc3339(T0),
    });
  });

  it('keeps PodScheduled’s time from the binding', () => {
    const bound: PodCondition = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T11:59:58Z' };
    const scheduled = podConditions(input({}), T0, [bound]).find((x) => x.type === 'PodScheduled');
    expect(scheduled?.lastTransitionTime).toBe('2025-01-01T11:59:58Z');
  });

  it('keeps conditions it does not own, first, and checks readiness gates against them', () => {
    const gate: PodCondition = { type: 'example.com/feature-1', status: 'False', lastProbeTime: null, lastTransitionTime: rfc3339(T0) };
    const spec = { containers: [c('app')], readinessGates: [{ conditionType: 'example.com/feature-1' }, { conditionType: 'example.com/missing' }] };
    const conditions = podConditions(input({ spec, phase: 'Running', containerStatuses: [run('app')] }), T1, [gate]);
    expect(conditions[0]).toBe(gate);
    expect(conditions.find((x) => x.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message:
        'the status of pod readiness gate "example.com/feature-1" is not "True", but False, ' +
        'corresponding condition of pod readiness gate "example.com/missing" does not exist.',
    });
    expect(conditions.find((x) => x.type === 'ContainersReady')?.status).toBe('True');
  });
});

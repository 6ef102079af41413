import type { ContainerState, ContainerStatus, PodPhase, PodStatus } from '@kubesim/api';
import { phaseCause } from './phase-cause';

const c = (name: string, state: ContainerState): ContainerStatus => ({ name, image: 'busybox', imageID: '', ready: false, restartCount: 0, state, lastState: {} });
const status = (phase: PodPhase, containers: ContainerStatus[] = [], init: ContainerStatus[] = []): PodStatus => ({
  phase,
  containerStatuses: containers,
  ...(init.length ? { initContainerStatuses: init } : {}),
});
const running = { running: { startedAt: '2024-05-01T10:00:00Z' } };
const exited = (exitCode: number, reason?: string): ContainerState => ({ terminated: { exitCode, ...(reason ? { reason } : {}) } });
const waiting = (reason: string): ContainerState => ({ waiting: { reason } });

describe('phaseCause: why the phase changed, for a replay to print', () => {
  it.each<[string, PodStatus, PodStatus, string | undefined]>([
    ['the phase did not change', status('Running', [c('app', running)]), status('Running', [c('app', exited(1, 'Error'))]), undefined],
    ['a container started', status('Pending', [c('app', waiting('ContainerCreating'))]), status('Running', [c('app', running)]), 'container app started'],
    ['a container failed', status('Running', [c('app', running)]), status('Failed', [c('app', exited(1, 'Error'))]), 'container app exited with code 1 (Error)'],
    ['a container was SIGKILLed', status('Running', [c('app', running)]), status('Failed', [c('app', exited(137, 'Error'))]), 'container app exited with code 137 (Error)'],
    ['a container completed', status('Running', [c('app', running)]), status('Succeeded', [c('app', exited(0, 'Completed'))]), 'container app exited with code 0 (Completed)'],
    ['an exit without a reason', status('Running', [c('app', running)]), status('Failed', [c('app', exited(2))]), 'container app exited with code 2 (Error)'],
    [
      'an init container failed',
      status('Pending', [c('app', waiting('PodInitializing'))], [c('init', running)]),
      status('Failed', [c('app', waiting('PodInitializing'))], [c('init', exited(1, 'Error'))]),
      'container init exited with code 1 (Error)',
    ],
    ['a container is stuck on its image', status('Running'), status('Pending', [c('app', waiting('ErrImagePull'))]), 'container app ErrImagePull'],
    [
      'only the second of two containers is news',
      status('Running', [c('a', exited(0, 'Completed')), c('b', running)]),
      status('Succeeded', [c('a', exited(0, 'Completed')), c('b', exited(0, 'Completed'))]),
      'container b exited with code 0 (Completed)',
    ],
    ['a terminal phase with no container news (the pod was deleted)', status('Running', [c('app', exited(1, 'Error'))]), status('Failed', [c('app', exited(1, 'Error'))]), 'all containers terminated'],
    ['a non-terminal change with nothing to say', status('Pending', [c('app', waiting('ContainerCreating'))]), status('Running', [c('app', waiting('ContainerCreating'))]), undefined],
  ])('%s', (_case, before, after, cause) => {
    expect(phaseCause(before, after)).toBe(cause);
  });
});

import type { Container, ContainerStatus, RestartPolicy } from '@kubesim/api';
import { running, terminated, terminationReason, waiting } from './container-status';
import { getPhase, nextPhase, PhaseSpec } from './pod-phase';

const T0 = Date.UTC(2025, 0, 1);
const c = (name: string, sidecar = false): Container => ({ name, image: 'busybox', ...(sidecar ? { restartPolicy: 'Always' as const } : {}) });
const spec = (restartPolicy: RestartPolicy, apps: string[], init: Container[] = []): PhaseSpec => ({
  restartPolicy,
  containers: apps.map((n) => c(n)),
  initContainers: init,
});
const base = (name: string, lastExit?: number) => ({
  name,
  image: 'busybox',
  containerKey: name,
  lastState: lastExit === undefined ? {} : { terminated: { exitCode: lastExit } },
});
const run = (name: string, started = true): ContainerStatus => running(base(name), T0, { started });
const wait = (name: string, reason = 'ContainerCreating', lastExit?: number): ContainerStatus => waiting(base(name, lastExit), reason);
const exited = (name: string, code: number): ContainerStatus => terminated(base(name), code, terminationReason(code), T0, T0 + 1000);
const noState = (name: string): ContainerStatus => ({ ...run(name), state: {} });

type Case = [string, PhaseSpec, ContainerStatus[], ContainerStatus[], boolean, string];

describe('getPhase', () => {
  it.each<Case>([
    ['no statuses yet → Pending (rule 6)', spec('Always', ['app']), [], [], false, 'Pending'],
    ['app ContainerCreating → Pending (rule 3)', spec('Always', ['app']), [], [wait('app')], false, 'Pending'],
    ['app ErrImagePull → Pending (rule 3)', spec('Always', ['app']), [], [wait('app', 'ErrImagePull')], false, 'Pending'],
    ['app running → Running (rule 4)', spec('Always', ['app']), [], [run('app')], false, 'Running'],
    ['one running, one not reported → Pending (rule 6)', spec('Always', ['a', 'b']), [], [run('a')], false, 'Pending'],
    ['one running, one with empty state → Pending (rule 6)', spec('Always', ['a', 'b']), [], [run('a'), noState('b')], false, 'Pending'],
    ['one running, one exited 1, Never → Running (rule 4)', spec('Never', ['a', 'b']), [], [run('a'), exited('b', 1)], false, 'Running'],
    ['one running, one waiting → Pending (rule 3 first)', spec('Always', ['a', 'b']), [], [run('a'), wait('b')], false, 'Pending'],
    ['init running → Pending (rule 2)', spec('Always', ['app'], [c('init')]), [run('init')], [wait('app', 'PodInitializing')], false, 'Pending'],
    ['init not reported → Pending (rule 2)', spec('Always', ['app'], [c('init')]), [], [], false, 'Pending'],
    ['init exited 1, Never → Failed (rule 1)', spec('Never', ['app'], [c('init')]), [exited('init', 1)], [wait('app', 'PodInitializing')], false, 'Failed'],
    ['init exited 1, OnFailure → Pending', spec('OnFailure', ['app'], [c('init')]), [exited('init', 1)], [wait('app', 'PodInitializing')], false, 'Pending'],
    ['init exited 1, Always → Pending', spec('Always', ['app'], [c('init')]), [exited('init', 1)], [wait('app', 'PodInitializing')], false, 'Pending'],
    ['init in CrashLoopBackOff after exit 1, Never → Failed (rule 1)', spec('Never', ['app'], [c('init')]), [wait('init', 'CrashLoopBackOff', 1)], [wait('app', 'PodInitializing')], false, 'Failed'],
    ['init in CrashLoopBackOff after exit 1, Always → Pending', spec('Always', ['app'], [c('init')]), [wait('init', 'CrashLoopBackOff', 1)], [wait('app', 'PodInitializing')], false, 'Pending'],
    ['first of two inits done, second running → Pending', spec('Always', ['app'], [c('i1'), c('i2')]), [exited('i1', 0), run('i2')], [wait('app', 'PodInitializing')], false, 'Pending'],
    ['inits done, app PodInitializing → Pending', spec('Always', ['app'], [c('i1')]), [exited('i1', 0)], [wait('app', 'PodInitializing')], false, 'Pending'],
    ['inits done, app running → Running', spec('Always', ['app'], [c('i1')]), [exited('i1', 0)], [run('app')], false, 'Running'],
    ['sidecar running, not started → Pending', spec('Always', ['app'], [c('side', true)]), [run('side', false)], [wait('app', 'PodInitializing')], false, 'Pending'],
    ['sidecar started, app running → Running', spec('Always', ['app'], [c('side', true)]), [run('side')], [run('app')], false, 'Running'],
    ['sidecar restarting after the app started → Running', spec('Always', ['app'], [c('side', true)]), [run('side', false)], [run('app')], false, 'Running'],
    ['sidecar waiting for its first start → Pending', spec('Always', ['app'], [c('side', true)]), [wait('side', 'PodInitializing')], [wait('app', 'PodInitializing')], false, 'Pending'],
    ['sidecar not reported, app running → Pending', spec('Always', ['app'], [c('side', true)]), [], [run('app')], false, 'Pending'],
    ['sidecar exited, app exited 0, OnFailure → Succeeded', spec('OnFailure', ['app'], [c('side', true)]), [exited('side', 137)], [exited('app', 0)], false, 'Succeeded'],
    ['running app, deleted pod → still Running until it stops', spec('Always', ['app']), [], [run('app')], true, 'Running'],
    ['terminal pod, all exited 0, Always → Succeeded', spec('Always', ['app']), [], [exited('app', 0)], true, 'Succeeded'],
    ['terminal pod, one exited 137, Always → Failed', spec('Always', ['a', 'b']), [], [exited('a', 0), exited('b', 137)], true, 'Failed'],
  ])('%s', (_name, podSpec, initStatuses, statuses, terminal, phase) => {
    expect(getPhase(podSpec, initStatuses, statuses, terminal)).toBe(phase);
  });

  // §5, "Phase outcomes when all containers have stopped", with the containers just exited and
  // with them waiting in CrashLoopBackOff after that exit.
  describe.each([
    ['Always', 'Running', 'Running'],
    ['OnFailure', 'Succeeded', 'Running'],
    ['Never', 'Succeeded', 'Failed'],
  ] as const)('restartPolicy %s', (policy, allZero, someNonZero) => {
    it(`all exited 0 → ${allZero}`, () => {
      expect(getPhase(spec(policy, ['a', 'b']), [], [exited('a', 0), exited('b', 0)], false)).toBe(allZero);
    });
    it(`one exited 1 → ${someNonZero}`, () => {
      expect(getPhase(spec(policy, ['a', 'b']), [], [exited('a', 0), exited('b', 1)], false)).toBe(someNonZero);
    });
    it(`one in CrashLoopBackOff after exit 1 → ${someNonZero}`, () => {
      const statuses = [exited('a', 0), wait('b', 'CrashLoopBackOff', 1)];
      expect(getPhase(spec(policy, ['a', 'b']), [], statuses, false)).toBe(someNonZero);
    });
  });
});

describe('nextPhase', () => {
  it.each([
    [undefined, 'Running', 'Running'],
    ['Pending', 'Running', 'Running'],
    ['Running', 'Failed', 'Failed'],
    ['Succeeded', 'Running', 'Succeeded'],
    ['Failed', 'Pending', 'Failed'],
  ] as const)('%s then computed %s → %s', (previous, computed, next) => {
    expect(nextPhase(previous, computed)).toBe(next);
  });
});

import type { RestartPolicy } from '@kubesim/api';
import { FakeNode, sec, T0 } from './pod-runtime.spec-helpers';

/** busybox is small: its pull takes the 0.3 s floor. */
const BUSYBOX_PULL = sec(0.3);
const PLEG = sec(1);
const script = (s: string, restartPolicy: RestartPolicy, image = 'busybox:1.36') => ({
  restartPolicy,
  containers: [{ name: 'c', image, command: ['sh', '-c', s] }],
});

describe('PodRuntime: a container that exits, by restartPolicy (semantics §5)', () => {
  it.each<[RestartPolicy, string, string, string, string]>([
    ['Never', 'exit 1', 'Failed', 'Error', 'Error'],
    ['Never', 'exit 0', 'Succeeded', 'Completed', 'Completed'],
    ['OnFailure', 'exit 0', 'Succeeded', 'Completed', 'Completed'],
    ['OnFailure', 'exit 1', 'Running', 'Error', 'Error'],
    ['Always', 'exit 0', 'Running', 'Completed', 'Completed'],
    ['Always', 'exit 1', 'Running', 'Error', 'Error'],
  ])('restartPolicy %s, sh -c "%s" → phase %s, terminated %s, STATUS %s', (policy, s, phase, reason, kubectl) => {
    const node = new FakeNode();
    const pod = node.run('job', script(s, policy, 'busybox'));
    pod.sync();

    const r = pod.wake();

    expect(r.status.phase).toBe(phase);
    expect(pod.container('c').state.terminated).toMatchObject({ reason, exitCode: s === 'exit 1' ? 1 : 0 });
    expect(pod.status).toBe(kubectl);
    expect(r.finished).toBe(false);
  });

  it.each<[RestartPolicy, string]>([
    ['Never', 'exit 1'],
    ['OnFailure', 'exit 0'],
  ])('restartPolicy %s, sh -c "%s": done for good — no restart, no wake-up, ready conditions False', (policy, s) => {
    const node = new FakeNode();
    const pod = node.run('job', script(s, policy));
    pod.sync();
    const r = pod.wake();
    node.now += sec(600);

    expect(r.nextWakeAt).toBeUndefined();
    expect(pod.sync().events).toEqual([]);
    expect(pod.container('c').restartCount).toBe(0);
    expect(pod.condition('Ready')).toBe('False');
    expect(pod.condition('ContainersReady')).toBe('False');
  });
});

describe('PodRuntime: CrashLoopBackOff (busybox:1.36, sh -c "exit 1", restartPolicy Always)', () => {
  const crashLoop = () => {
    const node = new FakeNode();
    const pod = node.run('crash', script('exit 1', 'Always'));
    pod.sync();
    pod.wake(); // pulled, started, exited at once
    return { node, pod };
  };
  const wakeUntilRestart = (p: ReturnType<typeof crashLoop>['pod'], n: number) => p.wakeUntil((x) => x.container('c').restartCount === n);

  it('restarts at once after the first crash (once the 1 s PLEG relist notices), then backs off 10 s, then 20 s', () => {
    const { node, pod } = crashLoop();
    const starts = [node.now];
    for (const n of [1, 2, 3]) {
      wakeUntilRestart(pod, n);
      starts.push(node.now);
    }

    expect(starts[0]).toBe(T0 + BUSYBOX_PULL);
    expect(starts.slice(1).map((t, i) => t - starts[i])).toEqual([PLEG, sec(10), sec(20)]);
  });

  it('shows the kubectl STATUS sequence Error → Error (1 restart) → CrashLoopBackOff → Error (2 restarts)', () => {
    const { pod } = crashLoop();
    const seen = [`${pod.status} ${pod.container('c').restartCount}`];
    for (let i = 0; i < 4; i++) {
      pod.wake();
      seen.push(`${pod.status} ${pod.container('c').restartCount}`);
    }

    expect(seen).toEqual(['Error 0', 'Error 1', 'CrashLoopBackOff 1', 'Error 2', 'CrashLoopBackOff 2']);
  });

  it('while backing off: waiting CrashLoopBackOff with the back-off in its message, the crash as lastState, phase Running', () => {
    const { pod } = crashLoop();
    pod.wake(); // restart 1, crashes again
    const r = pod.wake(); // back-off starts

    expect(r.status.phase).toBe('Running');
    expect(pod.container('c')).toMatchObject({
      ready: false,
      restartCount: 1,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=c pod=crash_default(uid-crash)' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    });
    expect(r.events).toEqual([
      { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container c in pod crash_default(uid-crash)', fieldPath: 'spec.containers{c}' },
    ]);
    expect(pod.condition('Ready')).toBe('False');
  });

  it('the second back-off says 20s', () => {
    const { pod } = crashLoop();
    wakeUntilRestart(pod, 2);
    pod.wake();

    expect(pod.container('c').state.waiting?.message).toBe('back-off 20s restarting failed container=c pod=crash_default(uid-crash)');
  });

  it('each restart emits Pulled (already present), Created, Started again', () => {
    const { pod } = crashLoop();
    const r = pod.wake();

    expect(r.events.map((e) => e.reason)).toEqual(['Pulled', 'Created', 'Started']);
    expect(r.events[0].message).toBe('Container image "busybox:1.36" already present on machine');
  });
});

describe('PodRuntime: restarts keep the previous run as lastState', () => {
  it('a container that runs 5 s and fails: while running again it shows its last crash, on every restart', () => {
    const node = new FakeNode();
    const pod = node.run('flaky', script('sleep 5; exit 1', 'Always'));
    pod.sync();
    pod.wake(); // running
    expect(pod.status).toBe('Running');

    for (const n of [1, 2]) {
      pod.wakeUntil((p) => p.container('c').restartCount === n);
      expect([n, pod.status]).toEqual([n, 'Running']);
      expect(pod.container('c').state.running).toBeDefined();
      expect(pod.container('c').lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    }
  });
});

describe('PodRuntime: a restart that has to pull first (busybox, imagePullPolicy Always)', () => {
  it('keeps showing the crash while the image is pulled again: kubectl never goes back to ContainerCreating', () => {
    const node = new FakeNode();
    const pod = node.run('crash', script('exit 1', 'Always', 'busybox'));
    pod.sync();
    pod.wake();
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = pod.wake();
      seen.push(`${pod.status} ${pod.container('c').restartCount}${r.events.some((e) => e.reason === 'Pulling') ? ' (pulling)' : ''}`);
    }

    expect(seen).toEqual([
      'Error 0 (pulling)',
      'Error 1',
      'CrashLoopBackOff 1',
      'CrashLoopBackOff 1 (pulling)',
      'Error 2',
      'CrashLoopBackOff 2',
      'CrashLoopBackOff 2 (pulling)',
      'Error 3',
    ]);
  });
});

import { containerID, lastStateOf, running, terminated, terminationReason, waiting } from './container-status';
import { imageID } from './image-catalog';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const created = { name: 'web', image: 'nginx', containerKey: 'uid-1/web/0' };

describe('container statuses', () => {
  it('a container not created yet reports the spec image and no ids', () => {
    expect(waiting({ name: 'web', image: 'nginx' }, 'ContainerCreating')).toEqual({
      name: 'web',
      image: 'nginx',
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
    });
  });

  it('a running container reports the runtime’s names', () => {
    expect(running(created, T0)).toEqual({
      name: 'web',
      image: 'docker.io/library/nginx:latest',
      imageID: imageID('nginx'),
      containerID: containerID('uid-1/web/0'),
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: '2025-01-01T12:00:00Z' } },
      lastState: {},
    });
  });

  it('readiness and startup can lag behind running', () => {
    expect(running(created, T0, { started: false })).toMatchObject({ started: false, ready: false });
    expect(running(created, T0, { ready: false })).toMatchObject({ started: true, ready: false });
  });

  it('a terminated container carries its exit and container id', () => {
    expect(terminated(created, 137, 'Error', T0, T0 + 30_000).state).toEqual({
      terminated: {
        exitCode: 137,
        reason: 'Error',
        startedAt: '2025-01-01T12:00:00Z',
        finishedAt: '2025-01-01T12:00:30Z',
        containerID: containerID('uid-1/web/0'),
      },
    });
  });

  it('a crash-looping container shows its last termination', () => {
    const crashed = terminated(created, 1, 'Error', T0, T0 + 1000);
    const status = waiting(
      { ...created, containerKey: 'uid-1/web/1', restartCount: 1, lastState: lastStateOf(crashed) },
      'CrashLoopBackOff',
      'back-off 10s restarting failed container=web pod=p_default(uid-1)',
    );
    expect(status).toMatchObject({
      restartCount: 1,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    });
  });

  it('container ids are containerd ids, stable per key', () => {
    expect(containerID('a')).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(containerID('a')).toBe(containerID('a'));
    expect(containerID('a')).not.toBe(containerID('b'));
  });

  it.each([
    [0, false, 'Completed'],
    [1, false, 'Error'],
    [137, false, 'Error'],
    [143, false, 'Error'],
    [137, true, 'OOMKilled'],
  ])('exit %i (oom %s) → %s', (code, oom, reason) => {
    expect(terminationReason(code, oom)).toBe(reason);
  });
});

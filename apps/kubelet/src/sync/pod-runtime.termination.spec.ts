import { FakeNode, sec } from './pod-runtime.spec-helpers';

/** Graceful deletion on the node, semantics §7.3. (STATUS would read Terminating: that is the printer's, not the runtime's.) */
const sleeper = { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] };
const nginx = { containers: [{ name: 'nginx', image: 'nginx:1.25' }] };

const running = (spec: Record<string, unknown>) => {
  const node = new FakeNode();
  const pod = node.run('x', spec);
  pod.sync();
  pod.wake();
  expect(pod.pod.status.phase).toBe('Running');
  return { node, pod };
};

describe('PodRuntime: deleting a running pod', () => {
  it('a shell that ignores SIGTERM: Killing event, still running through the grace period', () => {
    const { node, pod } = running(sleeper);
    pod.delete();
    const deletedAt = node.now;

    const r = pod.sync();

    expect(r.events).toEqual([{ type: 'Normal', reason: 'Killing', message: 'Stopping container c', fieldPath: 'spec.containers{c}' }]);
    expect(r.finished).toBe(false);
    expect(r.status.phase).toBe('Running');
    expect(pod.container('c').state.running).toBeDefined();
    expect(r.nextWakeAt).toBe(deletedAt + sec(30));

    node.now = deletedAt + sec(30) - 1;
    expect(pod.sync()).toMatchObject({ finished: false, events: [] });
  });

  it('…is SIGKILLed when the 30 s grace (× time scale) runs out: exit 137, phase Failed, finished', () => {
    const { node, pod } = running(sleeper);
    pod.delete();
    const deletedAt = node.now;
    pod.sync();

    const r = pod.wake();

    expect(node.now).toBe(deletedAt + sec(30));
    expect(r.finished).toBe(true);
    expect(r.status.phase).toBe('Failed');
    expect(pod.container('c').state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(pod.condition('Ready')).toBe('False');
    expect(pod.condition('PodReadyToStartContainers')).toBe('False');
    expect(r.nextWakeAt).toBeUndefined();
  });

  it.each([
    ['a shorter grace period given on delete', 5, 5],
    ['a grace period below the 2 s minimum', 1, 2],
  ])('uses %s (%s s → killed after %s s)', (_case, grace, killedAfter) => {
    const { node, pod } = running(sleeper);
    pod.delete(grace);
    const deletedAt = node.now;
    pod.sync();

    expect(pod.wake().finished).toBe(true);
    expect(node.now).toBe(deletedAt + sec(killedAfter));
  });

  it('a second delete with a shorter grace period brings the SIGKILL forward', () => {
    const { node, pod } = running(sleeper);
    pod.delete();
    pod.sync();
    node.now += sec(10);
    pod.delete(5);
    const shortenedAt = node.now;

    expect(pod.sync().nextWakeAt).toBe(shortenedAt + sec(5));
    expect(pod.wake().finished).toBe(true);
    expect(node.now).toBe(shortenedAt + sec(5));
    expect(pod.container('c').state.terminated?.exitCode).toBe(137);
  });

  it('a second delete with a longer grace period does not postpone it', () => {
    const { node, pod } = running(sleeper);
    pod.delete(5);
    const deletedAt = node.now;
    pod.sync();
    pod.delete(60);

    pod.sync();
    expect(pod.wake().finished).toBe(true);
    expect(node.now).toBe(deletedAt + sec(5));
  });

  it('nginx exits on SIGTERM at once with 0: phase Succeeded, finished in the same sync', () => {
    const { pod } = running(nginx);
    pod.delete();

    const r = pod.sync();

    expect(r.events.map((e) => `${e.reason}: ${e.message}`)).toEqual(['Killing: Stopping container nginx']);
    expect(r.finished).toBe(true);
    expect(r.status.phase).toBe('Succeeded');
    expect(pod.container('nginx').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('stays finished on later syncs (the final delete may be retried)', () => {
    const { node, pod } = running(nginx);
    pod.delete();
    pod.sync();
    node.now += sec(10);

    expect(pod.sync()).toMatchObject({ finished: true, events: [], status: { phase: 'Succeeded' } });
  });
});

describe('PodRuntime: deleting a pod that is not running', () => {
  it('a crash-looping pod is not restarted again: finished at once, phase Failed', () => {
    const node = new FakeNode();
    const pod = node.run('crash', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] });
    pod.sync();
    pod.wakeUntil((p) => p.status === 'CrashLoopBackOff');
    pod.delete();

    const r = pod.sync();

    expect(r.events).toEqual([]);
    expect(r.finished).toBe(true);
    expect(r.status.phase).toBe('Failed');
    expect(pod.container('c').state.terminated).toMatchObject({ exitCode: 1 });
    expect(r.nextWakeAt).toBeUndefined();
  });

  it('a pod whose containers all completed is finished at once, keeping its phase', () => {
    const node = new FakeNode();
    const pod = node.run('job', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }] });
    pod.sync();
    pod.wake();
    expect(pod.pod.status.phase).toBe('Succeeded');
    pod.delete();

    expect(pod.sync()).toMatchObject({ finished: true, events: [], status: { phase: 'Succeeded' } });
  });
});

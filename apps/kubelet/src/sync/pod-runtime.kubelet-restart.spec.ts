import { FakeNode, sec } from './pod-runtime.spec-helpers';

/** A counter printing every 10 s, for ever: its log shows where its program is. */
const counter = {
  restartPolicy: 'Always',
  containers: [{ name: 'count', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "$i"; i=$((i+1)); sleep 10; done'] }],
};

const runningFor = (seconds: number, spec: Record<string, unknown> = counter) => {
  const node = new FakeNode();
  const pod = node.run('counter', spec);
  pod.sync();
  pod.wakeUntil((p) => p.status === 'Running');
  pod.advanceTo(node.now + sec(seconds));
  return { node, pod };
};

describe('PodRuntime: the kubelet restarts while the container runtime keeps running (same boot)', () => {
  it('reports the pod as it is: Running, the same container ID, startedAt, IP and restart count, and records no event', () => {
    const { node, pod } = runningFor(35);
    const before = pod.container('count');
    const ip = pod.pod.status.podIP;

    node.now += sec(20); // the kubelet is away
    const back = pod.afterKubeletRestart(true);
    const r = back.sync();

    expect(back.status).toBe('Running');
    expect(back.container('count')).toMatchObject({ containerID: before.containerID, restartCount: 0, ready: true, state: { running: { startedAt: before.state.running!.startedAt } } });
    expect(r.status.podIP).toBe(ip);
    expect(r.status.startTime).toBe(pod.pod.status.startTime);
    expect(back.events).toEqual([]);
  });

  it("the program went on meanwhile: its log is what it printed since it started, and it keeps counting", () => {
    const { node, pod } = runningFor(35);
    node.now += sec(30);
    const back = pod.afterKubeletRestart(true);
    back.sync();

    const lines = back.runtime.containers.get('count')!.log.current.map((l) => l.line);
    expect(lines).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    back.advanceTo(node.now + sec(10));
    expect(back.runtime.containers.get('count')!.log.current.at(-1)?.line).toBe('7');
  });

  it('a container that exited while the kubelet was away is found exited, and restarted with the back-off as usual', () => {
    const { node, pod } = runningFor(5, { restartPolicy: 'Always', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 20; exit 3'] }] });
    node.now += sec(40);
    const back = pod.afterKubeletRestart(true);
    back.sync();
    back.wakeUntil((p) => p.container('c').restartCount === 1);

    expect(back.container('c').lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(back.eventLines()).not.toContain('SandboxChanged: Pod sandbox changed, it will be killed and re-created.');
    expect(back.eventLines()).toContain('Started: Started container c');
  });

  it('completed init containers stay completed: the pod does not run its init sequence again', () => {
    const { node, pod } = runningFor(5, {
      initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'echo ready'] }],
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
    });
    node.now += sec(10);
    const back = pod.afterKubeletRestart(true);
    back.sync();

    expect(back.container('init').state.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });
    expect(back.status).toBe('Running');
    expect(back.events).toEqual([]);
  });
});

describe('PodRuntime: the kubelet starts on a rebooted node (another boot)', () => {
  it('the sandbox is gone: SandboxChanged, and every container starts again, init containers first', () => {
    const { node, pod } = runningFor(35);
    node.now += sec(20);
    const back = pod.afterKubeletRestart(false);
    back.sync();

    expect(back.eventLines()[0]).toBe('SandboxChanged: Pod sandbox changed, it will be killed and re-created.');
    expect(back.eventLines()).toContain('Started: Started container count');
  });
});

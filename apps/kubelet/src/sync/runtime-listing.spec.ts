import { FakeNode } from './pod-runtime.spec-helpers';
import { runtimeListing } from './runtime-listing';

describe('the node runtime’s listing (kubesim node ps)', () => {
  const started = () => {
    const node = new FakeNode();
    const pod = node.run('web', {
      initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }],
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; exit 1'] }],
    });
    pod.sync();
    pod.wakeUntil((p) => p.status === 'Running');
    return { node, pod };
  };

  it('each pod’s sandbox, created before its containers, which carry the ids of the pod’s status', () => {
    const { pod } = started();
    const r = runtimeListing([{ pod: pod.pod, runtime: pod.runtime }]);

    expect(r.sandboxes).toEqual([expect.objectContaining({ name: 'web', namespace: 'default', state: 'SANDBOX_READY', attempt: 0, ip: pod.pod.status.podIP })]);
    expect(r.sandboxes[0].id).toMatch(/^[0-9a-f]{64}$/);
    const byName = Object.fromEntries(r.containers.map((c) => [c.name, c]));
    expect(byName.init).toMatchObject({ state: 'CONTAINER_EXITED', attempt: 0, podSandboxId: r.sandboxes[0].id });
    expect(byName.app).toMatchObject({ state: 'CONTAINER_RUNNING', attempt: 0, podName: 'web' });
    expect(`containerd://${byName.app.id}`).toBe(pod.container('app').containerID);
    for (const c of r.containers) expect(c.createdAt).toBeGreaterThanOrEqual(r.sandboxes[0].createdAt);
  });

  it('a restarted container: its previous instance stays listed, exited, one attempt lower', () => {
    const { pod } = started();
    pod.wakeUntil((p) => p.container('app').restartCount === 1 && Boolean(p.container('app').state.running));
    const app = runtimeListing([{ pod: pod.pod, runtime: pod.runtime }]).containers.filter((c) => c.name === 'app');

    expect(app.map((c) => [c.attempt, c.state])).toEqual([
      [0, 'CONTAINER_EXITED'],
      [1, 'CONTAINER_RUNNING'],
    ]);
    expect(`containerd://${app[0].id}`).toBe(pod.container('app').lastState.terminated!.containerID);
  });
});

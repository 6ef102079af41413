import type { Pod } from '@kubesim/api';
import { FakeNode, sec, type PodOnNode } from './pod-runtime.spec-helpers';

/** `kubectl set image pod/NAME CONTAINER=IMAGE`: the apiserver stores the pod with a new image. */
function setImage(pod: PodOnNode, container: string, image: string) {
  const swap = (cs: Pod['spec']['containers'] | undefined) => cs?.map((c) => (c.name === container ? { ...c, image } : c));
  pod.pod = { ...pod.pod, spec: { ...pod.pod.spec, containers: swap(pod.pod.spec.containers)!, ...(pod.pod.spec.initContainers ? { initContainers: swap(pod.pod.spec.initContainers) } : {}) } };
}

const since = (pod: PodOnNode, from: number) => pod.eventLines().slice(from);

describe("PodRuntime: a pod's image changed under it (the one mutable container field)", () => {
  it('a running app container is killed and started again with the new image, whatever the restart policy', () => {
    const node = new FakeNode();
    const web = node.run('web', { restartPolicy: 'Never', containers: [{ name: 'web', image: 'nginx:1.25' }] });
    web.sync();
    web.wakeUntil((p) => p.status === 'Running');
    const before = web.events.length;

    setImage(web, 'web', 'nginx:1.27');
    web.sync();
    // nginx stops at SIGTERM: killed and started again in the same pod sync, with no exit to notice and no back-off.
    expect(since(web, before)).toEqual(['Killing: Container web definition changed, will be restarted', 'Pulling: Pulling image "nginx:1.27"']);
    // Its pod worker reports nothing while it replaces the container: the old one still shows.
    expect(web.status).toBe('Running');
    expect(web.container('web')).toMatchObject({ image: 'docker.io/library/nginx:1.25', restartCount: 0 });
    web.wakeUntil((p) => p.status === 'Running' && p.container('web').image === 'docker.io/library/nginx:1.27');

    expect(since(web, before).map((l) => l.split(':')[0])).toEqual(['Killing', 'Pulling', 'Pulled', 'Created', 'Started']);
    const c = web.container('web');
    expect(c.restartCount).toBe(1);
    expect(c.lastState.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });
    expect(web.pod.status.phase).toBe('Running');
  });

  it('a fixed image ends ImagePullBackOff at once: the next sync pulls the new one', () => {
    const node = new FakeNode();
    const web = node.run('web', { containers: [{ name: 'web', image: 'nginx:1.161' }] });
    web.sync();
    web.wakeUntil((p) => p.status === 'ImagePullBackOff');

    setImage(web, 'web', 'nginx:1.25');
    const r = web.sync();
    expect(r.events.map((e) => `${e.reason}: ${e.message}`)).toEqual(['Pulling: Pulling image "nginx:1.25"']);
    web.wakeUntil((p) => p.status === 'Running');
    expect(web.container('web')).toMatchObject({ image: 'docker.io/library/nginx:1.25', restartCount: 0 });
  });

  it('a container in CrashLoopBackOff starts at once with a new image: the back-off is per container spec', () => {
    const node = new FakeNode();
    const app = node.run('app', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] });
    app.sync();
    app.wakeUntil((p) => p.status === 'CrashLoopBackOff' && p.container('app').restartCount >= 2);
    const waitingSince = node.now;

    setImage(app, 'app', 'busybox:1.37');
    app.sync();
    app.wakeUntil((p) => p.container('app').image === 'docker.io/library/busybox:1.37' && p.events.some((e) => e.reason === 'Started' && node.now > waitingSince));
    // Restarted within the pull of the new image, not after the 20 s+ back-off of the old spec.
    expect(node.now - waitingSince).toBeLessThan(sec(10));
  });

  it('a regular init container that has completed: a new image restarts nothing (Kubernetes ≥ 1.20)', () => {
    const node = new FakeNode();
    const pod = node.run('init', {
      initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'true'] }],
      containers: [{ name: 'web', image: 'nginx:1.25' }],
    });
    pod.sync();
    pod.wakeUntil((p) => p.status === 'Running');
    const before = pod.events.length;

    setImage(pod, 'setup', 'busybox:1.37');
    pod.sync();
    node.now += sec(60);
    pod.sync();

    expect(since(pod, before)).toEqual([]);
    expect(pod.container('setup')).toMatchObject({ image: 'docker.io/library/busybox:1.36', restartCount: 0, state: { terminated: { reason: 'Completed' } } });
    expect(pod.container('web').restartCount).toBe(0);
  });

  it('a sidecar (restartPolicy Always init container) is restarted: "Init container x definition changed"', () => {
    const node = new FakeNode();
    const pod = node.run('sidecar', {
      initContainers: [{ name: 'logs', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'sleep 3600'] }],
      containers: [{ name: 'web', image: 'nginx:1.25' }],
    });
    pod.sync();
    pod.wakeUntil((p) => p.status === 'Running');
    const before = pod.events.length;

    setImage(pod, 'logs', 'busybox:1.37');
    pod.sync();
    pod.wakeUntil((p) => p.container('logs').image === 'docker.io/library/busybox:1.37' && p.container('logs').state.running !== undefined && p.container('logs').restartCount === 1);

    expect(since(pod, before)[0]).toBe('Killing: Init container logs definition changed');
    expect(pod.container('web').restartCount).toBe(0);
  });
});

import { FakeNode, sec, T0 } from './pod-runtime.spec-helpers';

/** registry.k8s.io/busybox is small: its pull takes the 0.3 s floor, so the container starts at T0 + 0.3 s. */
const STARTED = T0 + sec(0.3);
const at = (seconds: number) => STARTED + sec(seconds);

/** §14 D: pods/probe/exec-liveness.yaml, unchanged. */
const execLiveness = {
  containers: [
    {
      name: 'liveness',
      image: 'registry.k8s.io/busybox:1.27.2',
      args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    },
  ],
};
const UNHEALTHY = "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory";

describe('PodRuntime: liveness exec probe (§14 D)', () => {
  it('probes pass until 30 s: only the start events', () => {
    const pod = new FakeNode().run('liveness-exec', execLiveness);
    pod.sync();
    pod.advanceTo(at(34));
    expect(pod.eventLines().map((l) => l.split(':')[0])).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(pod.status).toBe('Running');
  });

  it('fails at 35, 40, 45 s; the third failure kills it; READY stays 1/1 through the grace period', () => {
    const pod = new FakeNode().run('liveness-exec', execLiveness);
    pod.sync();
    pod.advanceTo(at(46));
    expect(pod.eventLines().slice(4)).toEqual([UNHEALTHY, UNHEALTHY, UNHEALTHY, 'Killing: Container liveness failed liveness probe, will be restarted']);
    expect(pod.container('liveness')).toMatchObject({ ready: true, restartCount: 0, state: { running: {} } });
  });

  it('sh ignores SIGTERM: SIGKILL after 30 s (137), then an immediate restart — RESTARTS 1 at about 76 s', () => {
    const pod = new FakeNode().run('liveness-exec', execLiveness);
    pod.sync();
    pod.advanceTo(at(45 + 30 + 1.5));
    const c = pod.container('liveness');
    expect(c.restartCount).toBe(1);
    expect(c.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(pod.status).toBe('Running');
    expect(pod.events.filter((e) => e.reason === 'Started')).toHaveLength(2);
  });
});

const web = (probes: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  containers: [{ name: 'web', image: 'nginx:1.25', ...probes, ...extra }],
});
const NGINX_STARTED = T0 + sec(1.44);

describe('PodRuntime: readiness and startup probes', () => {
  it('readiness: not ready until the first success, then READY 1/1 and Ready=True', () => {
    const pod = new FakeNode().run('web', web({ readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }));
    pod.sync();
    pod.advanceTo(NGINX_STARTED);
    expect(pod.container('web')).toMatchObject({ ready: false, started: true });
    expect(pod.condition('Ready')).toBe('False');
    pod.advanceTo(NGINX_STARTED + sec(0.01));
    expect(pod.container('web').ready).toBe(true);
    expect(pod.condition('Ready')).toBe('True');
  });

  it('readiness failing on a closed port: Unhealthy with the dial error, never restarted', () => {
    const pod = new FakeNode().run('web', web({ readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 } }));
    pod.sync();
    pod.advanceTo(NGINX_STARTED + sec(31));
    expect(pod.eventLines()).toContain('Unhealthy: Readiness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused');
    expect(pod.container('web')).toMatchObject({ ready: false, restartCount: 0 });
    expect(pod.pod.status.containerStatuses![0].ready).toBe(false);
  });

  it('startup gates liveness: started=false until it passes', () => {
    const probes = { startupProbe: { httpGet: { path: '/', port: 80 }, failureThreshold: 30, periodSeconds: 10 }, livenessProbe: { httpGet: { path: '/nope', port: 80 } } };
    const pod = new FakeNode().run('web', web(probes));
    pod.sync();
    pod.advanceTo(NGINX_STARTED);
    expect(pod.container('web')).toMatchObject({ started: false, ready: false });
    pod.advanceTo(NGINX_STARTED + sec(0.01));
    expect(pod.container('web')).toMatchObject({ started: true, ready: true });
    pod.advanceTo(NGINX_STARTED + sec(31));
    expect(pod.eventLines()).toContain('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404');
  });

  it('a startup probe that never passes kills the container', () => {
    const pod = new FakeNode().run('web', web({ startupProbe: { tcpSocket: { port: 9999 }, failureThreshold: 2, periodSeconds: 1 } }));
    pod.sync();
    pod.advanceTo(NGINX_STARTED + sec(3));
    expect(pod.eventLines()).toContain('Killing: Container web failed startup probe, will be restarted');
  });
});

describe('PodRuntime: lifecycle hooks', () => {
  it('postStart blocks running until it returns', () => {
    const hook = { lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 5; echo done > /tmp/started'] } } } };
    const pod = new FakeNode().run('web', web({}, hook));
    pod.sync();
    pod.advanceTo(NGINX_STARTED + sec(4));
    expect(pod.status).toBe('ContainerCreating');
    pod.advanceTo(NGINX_STARTED + sec(5));
    expect(pod.status).toBe('Running');
  });

  it('a failing postStart: FailedPostStartHook, then the container is killed', () => {
    const hook = { lifecycle: { postStart: { exec: { command: ['sh', '-c', 'exit 1'] } } } };
    const pod = new FakeNode().run('web', web({}, hook));
    pod.sync();
    pod.advanceTo(NGINX_STARTED + sec(0.5));
    expect(pod.eventLines().filter((l) => /Hook|Killing/.test(l))).toEqual([
      'FailedPostStartHook: Exec lifecycle hook ([sh -c exit 1]) for Container "web" in Pod "web_default(uid-web)" failed - error: command \'sh -c exit 1\' exited with 1: , message: ""',
      'Killing: FailedPostStartHook',
    ]);
  });

  it('preStop runs before SIGTERM, inside the grace period', () => {
    const hook = { lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 10'] } } } };
    const pod = new FakeNode().run('web', web({}, hook));
    pod.sync();
    pod.advanceTo(NGINX_STARTED);
    const deleted = pod.node.now;
    pod.delete();
    pod.sync();
    pod.advanceTo(deleted + sec(9.9));
    expect(pod.container('web').state.running).toBeDefined();
    const r = pod.advanceTo(deleted + sec(10));
    expect(r.finished).toBe(true);
    expect(pod.container('web').state.terminated).toMatchObject({ exitCode: 0 });
  });

  it('a shell that traps TERM exits when its current command returns', () => {
    const trap = { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"] }] };
    const pod = new FakeNode().run('t', trap);
    pod.sync();
    pod.advanceTo(T0 + sec(5));
    const deleted = pod.node.now;
    pod.delete();
    pod.sync();
    const r = pod.advanceTo(deleted + sec(1));
    expect(r.finished).toBe(true);
    expect(pod.container('c').state.terminated?.exitCode).toBe(0);
  });
});

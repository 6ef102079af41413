import type { RestartPolicy } from '@kubesim/api';
import { execReply, startExec } from './pod-io';
import { podReady } from '@kubesim/printers';
import { FakeNode, PodOnNode } from './pod-runtime.spec-helpers';

/** Init containers, semantics §4: one at a time, in order, each to completion before the next. */
const sh = (name: string, script: string, extra: Record<string, unknown> = {}) => ({ name, image: 'busybox:1.36', command: ['sh', '-c', script], ...extra });
const twoInits = (initA = 'sleep 2', restartPolicy: RestartPolicy = 'Always') => ({
  restartPolicy,
  initContainers: [sh('init-a', initA), sh('init-b', 'sleep 3')],
  containers: [{ name: 'app', image: 'nginx:1.25' }],
});

describe('PodRuntime: two init containers, then the app', () => {
  it('walks Init:0/2 → Init:0/2 (first running) → Init:1/2 → PodInitializing → Running', () => {
    const node = new FakeNode();
    const pod = node.run('myapp', twoInits());
    pod.sync();
    const seen = [pod.status];
    for (let i = 0; i < 4; i++) {
      pod.wake();
      seen.push(pod.status);
    }

    expect(seen).toEqual(['Init:0/2', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
  });

  it('runs only the first init container at first; the others wait in PodInitializing', () => {
    const node = new FakeNode();
    const pod = node.run('myapp', twoInits());
    pod.sync();

    const r = pod.wake();

    expect(r.status.phase).toBe('Pending');
    expect(pod.container('init-a').state.running).toBeDefined();
    expect(pod.container('init-b').state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(pod.container('app').state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(r.events.map((e) => e.fieldPath)).toEqual(['spec.initContainers{init-a}', 'spec.initContainers{init-a}', 'spec.initContainers{init-a}']);
    expect(pod.pod.status.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init-a init-b]',
    });
  });

  it('starts the second only when the first has completed, and the app only after both', () => {
    const node = new FakeNode();
    const pod = node.run('myapp', twoInits());
    pod.sync();
    pod.wake();

    pod.wake();
    expect(pod.container('init-a').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(pod.container('init-b').state.running).toBeDefined();
    expect(pod.container('app').state.waiting?.reason).toBe('PodInitializing');

    pod.wake();
    expect(pod.container('init-b').state.terminated).toMatchObject({ exitCode: 0 });
    expect(pod.condition('Initialized')).toBe('True');
    expect(pod.events.at(-1)).toMatchObject({ reason: 'Pulling', fieldPath: 'spec.containers{app}' });
  });

  it('with restartPolicy Never a failing init container fails the pod: Init:Error, the app never starts', () => {
    const node = new FakeNode();
    const pod = node.run('myapp', twoInits('exit 1', 'Never'));
    pod.sync();

    const r = pod.wake();

    expect(r.status.phase).toBe('Failed');
    expect(pod.status).toBe('Init:Error');
    expect(pod.container('init-b').state.waiting?.reason).toBe('PodInitializing');
    expect(r.nextWakeAt).toBeUndefined();
  });

  it('with restartPolicy Always a failing init container is retried with back-off: Init:Error → Init:CrashLoopBackOff', () => {
    const node = new FakeNode();
    const pod = node.run('myapp', twoInits('exit 1'));
    pod.sync();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      pod.wake();
      seen.push(pod.status);
    }

    expect(seen).toEqual(['Init:Error', 'Init:Error', 'Init:CrashLoopBackOff', 'Init:Error']);
    expect(pod.pod.status.phase).toBe('Pending');
    expect(pod.container('app').state.waiting?.reason).toBe('PodInitializing');
  });
});

describe('PodRuntime: a sidecar (init container with restartPolicy Always)', () => {
  it('starts before the app and keeps running next to it', () => {
    const node = new FakeNode();
    const pod = node.run('web', {
      initContainers: [sh('proxy', 'sleep infinity', { restartPolicy: 'Always' })],
      containers: [{ name: 'app', image: 'nginx:1.25' }],
    });
    pod.sync();
    pod.wakeUntil((p) => p.status === 'Running');

    expect(pod.container('proxy').state.running).toBeDefined();
    expect(pod.container('app').state.running).toBeDefined();
    expect(podReady(pod.pod)).toBe('2/2');
    expect(pod.condition('Ready')).toBe('True');
  });
});

describe('PodRuntime: sidecar start-up gating and stop order', () => {
  it('the next init container waits until the sidecar has started (its startup probe passed)', () => {
    const node = new FakeNode();
    const pod = node.run('gated', {
      initContainers: [
        { ...sh('proxy', 'touch /tmp/up; sleep infinity', { restartPolicy: 'Always' }), startupProbe: { exec: { command: ['cat', '/tmp/up'] }, initialDelaySeconds: 5, periodSeconds: 5 } },
        sh('setup', 'exit 0'),
      ],
      containers: [{ name: 'app', image: 'nginx:1.25' }],
    });
    pod.sync();
    pod.wakeUntil((p) => p.container('proxy').state.running !== undefined);
    expect(pod.container('setup').state.waiting?.reason).toBe('PodInitializing');
    pod.wakeUntil((p) => p.status === 'Running');
    expect(pod.container('proxy').started).toBe(true);
    expect(pod.container('setup').state.terminated?.exitCode).toBe(0);
  });

  it('on deletion the sidecar stops after the app containers', () => {
    const node = new FakeNode();
    const pod = node.run('ordered', {
      initContainers: [sh('proxy', 'sleep infinity', { restartPolicy: 'Always' })],
      containers: [{ name: 'app', image: 'nginx:1.25' }],
    });
    pod.sync();
    pod.wakeUntil((p) => p.status === 'Running');
    pod.delete(30);
    pod.sync();
    const killing = () => pod.eventLines().filter((l) => l.startsWith('Killing'));
    // First the app (nginx exits at once on SIGTERM); the sidecar only after it.
    expect(killing()[0]).toBe('Killing: Stopping container app');
    expect(pod.container('proxy').state.terminated).toBeUndefined();
    pod.wakeUntil(() => pod.container('proxy').state.terminated !== undefined);
    expect(killing()).toEqual(['Killing: Stopping container app', 'Killing: Stopping container proxy']);
    expect(pod.container('app').state.terminated).toBeDefined();
  });
});

describe('PodRuntime: a sandbox re-created after a node restart (SandboxChanged)', () => {
  it('emits SandboxChanged and runs the init containers again', () => {
    const node = new FakeNode();
    const first = node.run('myapp', { initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'exit 0'] }], containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }] });
    first.sync();
    first.wakeUntil((p) => p.status === 'Running');

    const restarted = new PodOnNode(node, first.pod);
    const r = restarted.sync();

    expect(r.events[0]).toEqual({ type: 'Normal', reason: 'SandboxChanged', message: 'Pod sandbox changed, it will be killed and re-created.', fieldPath: undefined });
    expect(restarted.runtime.containers.get('init')!.phase.kind).not.toBe('new');
    expect(restarted.runtime.containers.get('app')!.phase.kind).toBe('new');
  });
});

describe('PodRuntime: the pod’s containers share emptyDir volumes and localhost', () => {
  it('one container writes a file and serves; the other reads the file and reaches it on localhost', () => {
    const node = new FakeNode();
    const pod = node.run('shared', {
      volumes: [{ name: 'data', emptyDir: {} }],
      containers: [
        { name: 'web', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/usr/share/nginx/html' }] },
        { name: 'writer', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }], command: ['sh', '-c', 'echo shared page > /data/index.html; sleep 3600'] },
      ],
    });
    pod.sync();
    pod.wakeUntil((p) => p.status === 'Running' && p.pod.status.containerStatuses!.every((c) => c.ready));
    const s = startExec(pod.pod, pod.runtime, 'writer', ['wget', '-qO-', 'http://localhost/'], node.now);
    if ('ok' in s) throw new Error(s.status.message);
    s.proc.advance(node.now);
    expect(execReply(s)).toMatchObject({ stdout: 'shared page\n', exitCode: 0 });
  });
});

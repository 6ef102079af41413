import { FakeNode, sec, T0 } from './pod-runtime.spec-helpers';

/** nginx is 72 MB: at 50 MB/s the pull takes 1.44 s (144 ms at time scale 0.1). */
const NGINX_PULL = sec(1.44);
const nginx = { containers: [{ name: 'nginx', image: 'nginx' }] };

describe('PodRuntime: starting an nginx pod', () => {
  it('first sync: the sandbox gets an IP and the pull starts — Pending, ContainerCreating', () => {
    const node = new FakeNode();
    const web = node.run('web', nginx);

    const r = web.sync();

    expect(r.status.phase).toBe('Pending');
    expect(web.status).toBe('ContainerCreating');
    expect(web.container('nginx').state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(r.status).toMatchObject({ podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }], hostIP: '172.18.0.2', startTime: '2024-05-01T10:00:00Z' });
    expect(r.events).toEqual([{ type: 'Normal', reason: 'Pulling', message: 'Pulling image "nginx"', fieldPath: 'spec.containers{nginx}' }]);
    expect(r.nextWakeAt).toBe(T0 + NGINX_PULL);
    expect(r.finished).toBe(false);
  });

  it('until the pull is done, another sync changes nothing', () => {
    const node = new FakeNode();
    const web = node.run('web', nginx);
    web.sync();
    node.now += NGINX_PULL - 1;

    const r = web.sync();

    expect(r.events).toEqual([]);
    expect(web.status).toBe('ContainerCreating');
    expect(r.nextWakeAt).toBe(T0 + NGINX_PULL);
  });

  it('after the pull: Pulled, Created, Started; Running and ready, every condition True', () => {
    const node = new FakeNode();
    const web = node.run('web', nginx);
    web.sync();

    const r = web.wake();

    expect(r.events.map((e) => [e.reason, e.message])).toEqual([
      ['Pulled', 'Successfully pulled image "nginx" in 1.44s (1.44s including waiting). Image size: 72000000 bytes.'],
      ['Created', 'Created container: nginx'],
      ['Started', 'Started container nginx'],
    ]);
    expect(r.status.phase).toBe('Running');
    expect(web.status).toBe('Running');
    expect(web.container('nginx')).toMatchObject({
      ready: true,
      started: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:latest',
      containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/),
      state: { running: { startedAt: '2024-05-01T10:00:00Z' } },
    });
    expect(r.status.podIP).toBe('10.244.1.2');
    for (const type of ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled']) {
      expect([type, web.condition(type)]).toEqual([type, 'True']);
    }
    expect(r.nextWakeAt).toBeUndefined();
  });

  it('a server keeps running: later syncs report the same status and no events', () => {
    const node = new FakeNode();
    const web = node.run('web', nginx);
    web.sync();
    const running = web.wake().status;
    node.now += sec(3600);

    const r = web.sync();

    expect(r.events).toEqual([]);
    expect(r.status).toEqual(running);
  });
});

describe('PodRuntime: the node image cache', () => {
  it('a second pod with the same image and IfNotPresent starts at once: "already present on machine"', () => {
    const node = new FakeNode();
    const first = node.run('first', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    first.sync();
    first.wake();

    const second = node.run('second', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    const r = second.sync();

    expect(second.pod.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(r.events.map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'Pulled: Container image "nginx:1.25" already present on machine',
      'Created: Created container: nginx',
      'Started: Started container nginx',
    ]);
    expect(second.status).toBe('Running');
    expect(r.status.podIP).toBe('10.244.1.3');
  });

  it('with imagePullPolicy Always (":latest" or no tag) a second pod pulls again', () => {
    const node = new FakeNode();
    const first = node.run('first', nginx);
    first.sync();
    first.wake();

    const second = node.run('second', nginx);
    const r = second.sync();

    expect(r.events.map((e) => e.reason)).toEqual(['Pulling']);
    expect(second.status).toBe('ContainerCreating');
  });
});

describe('PodRuntime: imagePullPolicy Never', () => {
  const never = { containers: [{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'Never' }] };

  it('an image that is not on the node is never pulled: ErrImageNeverPull, retried every 10 s, no ImagePullBackOff', () => {
    const node = new FakeNode();
    const web = node.run('web', never);

    const r = web.sync();

    const message = 'Container image "nginx:1.25" is not present with pull policy of Never';
    expect(r.events).toEqual([{ type: 'Warning', reason: 'ErrImageNeverPull', message, fieldPath: 'spec.containers{web}' }]);
    expect(web.container('web').state).toEqual({ waiting: { reason: 'ErrImageNeverPull', message } });
    expect(web.status).toBe('ErrImageNeverPull');
    expect(r.nextWakeAt).toBe(T0 + sec(10));

    expect(web.wake().events.map((e) => e.reason)).toEqual(['ErrImageNeverPull']);
    expect(web.status).toBe('ErrImageNeverPull');
  });

  it('an image already on the node is used', () => {
    const node = new FakeNode();
    const first = node.run('first', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    first.sync();
    first.wake();

    const second = node.run('second', never);
    second.sync();

    expect(second.status).toBe('Running');
  });
});

describe('PodRuntime: an image that cannot be pulled (nginx:1.161)', () => {
  const typo = { containers: [{ name: 'web', image: 'nginx:1.161' }] };

  it('ErrImagePull, then ImagePullBackOff; a new pull after 10 s, the next after 20 s', () => {
    const node = new FakeNode();
    const web = node.run('web', typo);
    web.sync();
    expect(web.status).toBe('ContainerCreating');

    const failed = web.wake();
    const failedAt = node.now;
    expect(web.status).toBe('ErrImagePull');
    expect(failed.status.phase).toBe('Pending');
    expect(web.container('web').state.waiting?.message).toMatch(/^rpc error: code = NotFound desc = .*nginx:1\.161/);
    expect(failed.events.map((e) => `${e.type} ${e.reason}`)).toEqual(['Warning Failed', 'Warning Failed']);
    expect(failed.events[1].message).toBe('Error: ErrImagePull');

    const backOff = web.wake();
    expect(node.now).toBe(failedAt + sec(1));
    expect(web.status).toBe('ImagePullBackOff');
    expect(web.container('web').state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:1.161"' });
    expect(backOff.events.map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Normal BackOff: Back-off pulling image "nginx:1.161"',
      'Warning Failed: Error: ImagePullBackOff',
    ]);

    const retry = web.wake();
    expect(node.now).toBe(failedAt + sec(10));
    expect(retry.events.map((e) => e.reason)).toEqual(['Pulling']);
    expect(web.status).toBe('ImagePullBackOff');

    web.wake();
    const failedAgainAt = node.now;
    expect(web.status).toBe('ErrImagePull');

    web.wake();
    expect(web.status).toBe('ImagePullBackOff');
    web.wake();
    expect(node.now).toBe(failedAgainAt + sec(20));
  });
});

describe('PodRuntime: a node whose pod CIDR has no address left', () => {
  it('FailedCreatePodSandBox with the IPAM error, ContainerCreating (never a bound pod silently Pending), retried every 10 s until an address is free', () => {
    const node = new FakeNode();
    const taken = Array.from({ length: 253 }, () => node.ips.allocate());
    const web = node.run('web', { containers: [{ name: 'web', image: 'nginx:1.25' }] });

    const r = web.sync();
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ type: 'Warning', reason: 'FailedCreatePodSandBox' });
    expect(r.events[0].message).toMatch(
      /^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="host-local" failed \(add\): failed to allocate for range 0: no IP addresses available in range set: 10\.244\.1\.1-10\.244\.1\.254$/,
    );
    expect(web.status).toBe('ContainerCreating');
    expect(r.status.phase).toBe('Pending');
    expect(r.status.podIP).toBeUndefined();
    expect(r.nextWakeAt).toBe(node.now + sec(10));

    node.ips.release(taken[0] as string);
    web.wake();
    expect(web.pod.status.podIP).toBe('10.244.1.2');
    web.wakeUntil((p) => p.status === 'Running');
  });
});

import type { KubeEvent, Pod } from '@kubesim/api';
import { describePod, eventsBlock } from './describe-pod';

const NOW = Date.parse('2024-05-01T10:01:15Z');
const event = (reason: string, message: string, first: string, last: string, count: number, type = 'Normal'): KubeEvent =>
  ({ type, reason, message, firstTimestamp: first, lastTimestamp: last, count, source: { component: 'kubelet', host: 'node-1' } }) as unknown as KubeEvent;

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'liveness-exec', namespace: 'default', uid: 'u', labels: { test: 'liveness' }, creationTimestamp: '2024-05-01T10:00:00Z' },
  spec: {
    nodeName: 'node-1',
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    containers: [{ name: 'liveness', image: 'registry.k8s.io/busybox:1.27.2', args: ['/bin/sh', '-c', 'touch /tmp/healthy'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } }],
  },
  status: {
    phase: 'Running',
    hostIP: '172.18.0.2',
    podIP: '10.244.1.2',
    startTime: '2024-05-01T10:00:00Z',
    qosClass: 'BestEffort',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [
      {
        name: 'liveness',
        ready: true,
        restartCount: 1,
        image: 'registry.k8s.io/busybox:1.27.2',
        imageID: 'x',
        state: { running: { startedAt: '2024-05-01T10:01:00Z' } },
        lastState: { terminated: { exitCode: 137, reason: 'Error', startedAt: '2024-05-01T10:00:00Z', finishedAt: '2024-05-01T10:00:59Z' } },
      },
    ],
  },
} as unknown as Pod;

describe('kubectl describe pod layout', () => {
  const text = describePod(pod, [], NOW);

  it.each([
    /^Name: {13}liveness-exec$/m,
    /^Node: {13}node-1\/172\.18\.0\.2$/m,
    /^Start Time: {7}Wed, 01 May 2024 10:00:00 \+0000$/m,
    /^Labels: {11}test=liveness$/m,
    /^Status: {11}Running$/m,
    /^ {4}State: +Running\n {6}Started: +Wed, 01 May 2024 10:01:00 \+0000$/m,
    /^ {4}Last State: +Terminated\n {6}Reason: +Error\n {6}Exit Code: +137$/m,
    /^ {4}Ready: +True\n {4}Restart Count: +1$/m,
    /^ {4}Liveness: +exec \[cat \/tmp\/healthy\] delay=5s timeout=1s period=5s #success=1 #failure=3$/m,
    /^Conditions:\n {2}Type {3}Status\n {2}Ready {2}True$/m,
  ])('%s', (re) => {
    expect(text).toMatch(re);
  });

  it('events: repeats aggregated as (xN over D)', () => {
    const lines = eventsBlock(
      [
        event('Unhealthy', "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory", '2024-05-01T10:00:55Z', '2024-05-01T10:01:05Z', 3, 'Warning'),
        event('Killing', 'Container liveness failed liveness probe, will be restarted', '2024-05-01T10:01:05Z', '2024-05-01T10:01:05Z', 1),
      ],
      NOW,
    );
    expect(lines).toEqual([
      'Events:',
      '  Type     Reason     Age                From     Message',
      '  ----     ------     ----               ----     -------',
      "  Warning  Unhealthy  10s (x3 over 20s)  kubelet  Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
      '  Normal   Killing    10s                kubelet  Container liveness failed liveness probe, will be restarted',
    ]);
  });

  it('no events', () => {
    expect(eventsBlock([], NOW)).toEqual(['Events:                      <none>']);
  });
});

describe('kubectl describe pod: container ports', () => {
  const withPorts = (ports: object[]) =>
    describePod({ ...pod, spec: { ...pod.spec, containers: [{ name: 'web', image: 'nginx', ports }] }, status: { ...pod.status, containerStatuses: [] } } as unknown as Pod, [], NOW);

  it('one port: its host port (0 when none)', () => {
    expect(withPorts([{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }])).toMatch(/\n    Port:\s+80\/TCP\n    Host Port:\s+8080\/TCP\n/);
    expect(withPorts([{ containerPort: 80, protocol: 'TCP' }])).toMatch(/\n    Port:\s+80\/TCP\n    Host Port:\s+0\/TCP\n/);
  });

  it('several ports: Ports and Host Ports', () => {
    expect(withPorts([{ containerPort: 80, hostPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }])).toMatch(
      /\n    Ports:\s+80\/TCP, 53\/UDP\n    Host Ports:\s+80\/TCP, 0\/UDP\n/,
    );
  });

  it('no ports: <none>', () => {
    expect(withPorts([])).toMatch(/\n    Port:\s+<none>\n    Host Port:\s+<none>\n/);
  });
});

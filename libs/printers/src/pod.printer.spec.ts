import type { Pod } from '@kubesim/api';
import { podReady, podRestarts, podRow, podStatusString } from './pod.printer';
import { container, makePod, NOW } from './printers.builders.spec-helpers';

type Case = [name: string, pod: Pod, status: string, ready: string, restarts: string];

const cases: Case[] = [
  // --- worked examples, kubernetes-semantics.md §3.1 ---
  ['fresh pod, not scheduled, no container statuses', makePod().app('app').build(), 'Pending', '0/1', '0'],
  ['on the node, container being created', makePod().app(container('app').waiting('ContainerCreating')).build(), 'ContainerCreating', '0/1', '0'],
  [
    'running but readiness probe not passing yet',
    makePod().phase('Running').app(container('app').running().started()).condition('Ready', 'False').build(),
    'Running',
    '0/1',
    '0',
  ],
  [
    'running and ready',
    makePod().phase('Running').app(container('app').running().started().ready()).condition('Ready', 'True').build(),
    'Running',
    '1/1',
    '0',
  ],
  [
    'first of two init containers running',
    makePod()
      .init(container('init-myservice').running(), container('init-mydb').waiting('PodInitializing'))
      .app(container('myapp').waiting('PodInitializing'))
      .condition('Initialized', 'False', 'ContainersNotInitialized')
      .build(),
    'Init:0/2',
    '0/1',
    '0',
  ],
  [
    'first init container waiting PodInitializing',
    makePod().init(container('a').waiting('PodInitializing'), container('b').waiting('PodInitializing')).app('app').build(),
    'Init:0/2',
    '0/1',
    '0',
  ],
  [
    'first init container done, second running',
    makePod()
      .init(container('init-myservice').terminated(0, 'Completed'), container('init-mydb').running())
      .app(container('myapp').waiting('PodInitializing'))
      .build(),
    'Init:1/2',
    '0/1',
    '0',
  ],
  [
    'all init containers done, app container waiting PodInitializing',
    makePod()
      .init(container('a').terminated(0, 'Completed'), container('b').terminated(0, 'Completed'))
      .app(container('myapp').waiting('PodInitializing'))
      .condition('Initialized', 'True')
      .build(),
    'PodInitializing',
    '0/1',
    '0',
  ],
  [
    'init container exits 1 under restartPolicy Never',
    makePod().phase('Failed').init(container('init').terminated(1, 'Error')).app(container('app').waiting('PodInitializing')).build(),
    'Init:Error',
    '0/1',
    '0',
  ],
  [
    'init container crash-looping (restarts counted over init containers)',
    makePod()
      .init(container('a').terminated(0, 'Completed'), container('b').waiting('CrashLoopBackOff').restarted(3, 20))
      .app(container('app').waiting('PodInitializing'))
      .build(),
    'Init:CrashLoopBackOff',
    '0/1',
    '3 (20s ago)',
  ],
  ['init container pulling a bad image', makePod().init(container('init').waiting('ImagePullBackOff')).app('app').build(), 'Init:ImagePullBackOff', '0/1', '0'],
  ['init container without a terminated reason: exit code', makePod().init(container('init').terminated(2)).app('app').build(), 'Init:ExitCode:2', '0/1', '0'],
  ['init container without a terminated reason: signal', makePod().init(container('init').terminated(137, '', 9)).app('app').build(), 'Init:Signal:9', '0/1', '0'],
  [
    'single container exits 1 under restartPolicy Never',
    makePod().phase('Failed').app(container('app').terminated(1, 'Error')).condition('Ready', 'False').build(),
    'Error',
    '0/1',
    '0',
  ],
  ['single container exits 0', makePod().phase('Succeeded').app(container('app').terminated(0, 'Completed')).build(), 'Completed', '0/1', '0'],
  ['app container crash-looping', makePod().phase('Running').app(container('app').waiting('CrashLoopBackOff').restarted(2, 10)).build(), 'CrashLoopBackOff', '0/1', '2 (10s ago)'],
  ['app container without a terminated reason: signal', makePod().app(container('app').terminated(143, '', 15)).build(), 'Signal:15', '0/1', '0'],
  ['app container without a terminated reason: exit code', makePod().app(container('app').terminated(3)).build(), 'ExitCode:3', '0/1', '0'],
  ['OOM-killed container', makePod().phase('Running').app(container('app').terminated(137, 'OOMKilled')).build(), 'OOMKilled', '0/1', '0'],

  // --- multi-container: reversed loop, Completed refinements ---
  [
    'first container wins: a waiting first container hides a completed second one',
    makePod().app(container('a').waiting('ImagePullBackOff'), container('b').terminated(0, 'Completed')).build(),
    'ImagePullBackOff',
    '0/2',
    '0',
  ],
  [
    'one container completed, the other running and pod Ready: Running',
    makePod()
      .phase('Running')
      .app(container('a').terminated(0, 'Completed'), container('b').running().ready())
      .condition('Ready', 'True')
      .build(),
    'Running',
    '1/2',
    '0',
  ],
  [
    'one container completed, the other running but pod not Ready: NotReady',
    makePod().phase('Running').app(container('a').terminated(0, 'Completed'), container('b').running().ready()).condition('Ready', 'False').build(),
    'NotReady',
    '1/2',
    '0',
  ],
  [
    'one container failed, the first completed: Error, not Completed',
    makePod().phase('Failed').app(container('a').terminated(0, 'Completed'), container('z').terminated(1, 'Error')).build(),
    'Error',
    '0/2',
    '0',
  ],

  // --- sidecars ---
  [
    'started, ready sidecar counts in READY and does not hold initialization',
    makePod()
      .phase('Running')
      .sidecar(container('proxy').running().started().ready())
      .app(container('app').running().ready())
      .condition('Initialized', 'True')
      .condition('Ready', 'True')
      .build(),
    'Running',
    '2/2',
    '0',
  ],
  [
    'sidecar not started yet: Init:0/1 and it counts in the denominator',
    makePod().sidecar(container('proxy').running().started(false)).app(container('app').waiting('PodInitializing')).build(),
    'Init:0/1',
    '0/2',
    '0',
  ],
  [
    'after initialization, restarts count sidecars and app containers only',
    makePod()
      .phase('Running')
      .init(container('setup').terminated(0, 'Completed').restarted(4, 300))
      .sidecar(container('proxy').running().started().ready().restarted(1, 30))
      .app(container('app').running().ready().restarted(1, 90))
      .condition('Initialized', 'True')
      .condition('Ready', 'True')
      .build(),
    'Running',
    '2/2',
    '2 (30s ago)',
  ],

  // --- pod-level reasons and deletion ---
  ['status.reason replaces the phase', makePod().phase('Failed').reason('Evicted').app('app').build(), 'Evicted', '0/1', '0'],
  ['a container reason still wins over status.reason', makePod().phase('Failed').reason('Evicted').app(container('app').terminated(137, '')).build(), 'ExitCode:137', '0/1', '0'],
  ['scheduling gates', makePod().app('app').condition('PodScheduled', 'False', 'SchedulingGated').build(), 'SchedulingGated', '0/1', '0'],
  [
    'running pod being deleted',
    makePod().phase('Running').app(container('app').running().ready()).condition('Ready', 'True').deleting().build(),
    'Terminating',
    '1/1',
    '0',
  ],
  ['pending pod being deleted', makePod().app('app').deleting().build(), 'Terminating', '0/1', '0'],
  ['Succeeded pod being deleted still shows Completed', makePod().phase('Succeeded').app(container('app').terminated(0, 'Completed')).deleting().build(), 'Completed', '0/1', '0'],
  ['Failed pod being deleted still shows Error', makePod().phase('Failed').app(container('app').terminated(1, 'Error')).deleting().build(), 'Error', '0/1', '0'],
  [
    'pod on a lost node, not deleted: Unknown (kubesim shows reason NodeLost as Unknown, docs/decisions.md)',
    makePod().phase('Unknown').reason('NodeLost').app(container('app').running().ready()).condition('Ready', 'False').build(),
    'Unknown',
    '1/1',
    '0',
  ],
  [
    'pod on a lost node being deleted shows Unknown, not Terminating',
    makePod().phase('Unknown').reason('NodeLost').app(container('app').running().ready()).deleting().build(),
    'Unknown',
    '1/1',
    '0',
  ],

  // --- RESTARTS ---
  ['restarts without a last termination time print the bare count', makePod().phase('Running').app(container('app').running().ready().restarted(3)).build(), 'Running', '1/1', '3'],
  [
    'restarts summed over containers, time of the latest termination',
    makePod().phase('Running').app(container('a').running().ready().restarted(1, 600), container('b').running().ready().restarted(2, 10)).build(),
    'Running',
    '2/2',
    '3 (10s ago)',
  ],
];

describe('pod STATUS / READY / RESTARTS (kubectl get pods)', () => {
  const table = cases.map(([name, ...rest]) => [`${name} → ${rest[1]}, READY ${rest[2]}, RESTARTS ${rest[3]}`, ...rest] as const);
  it.each(table)('%s', (_title, pod, status, ready, restarts) => {
    expect(podStatusString(pod, NOW)).toBe(status);
    expect(podReady(pod)).toBe(ready);
    expect(podRestarts(pod, NOW)).toBe(restarts);
  });
});

describe('podRow', () => {
  const pod = makePod('liveness-exec')
    .createdSecondsAgo(75)
    .phase('Running')
    .app(container('liveness').running().ready().restarted(1, 45))
    .condition('Ready', 'True')
    .build();

  it('prints NAME READY STATUS RESTARTS AGE', () => {
    expect(podRow(pod, NOW)).toEqual(['liveness-exec', '1/1', 'Running', '1 (45s ago)', '75s']);
  });

  it('adds IP NODE NOMINATED NODE READINESS GATES with -o wide, <none> when empty', () => {
    expect(podRow(makePod().app('app').build(), NOW, true)).toEqual(['web', '0/1', 'Pending', '0', '10s', '<none>', '<none>', '<none>', '<none>']);
  });

  it('fills the wide columns from the pod', () => {
    const placed = makePod()
      .app('app')
      .onNode('node-1', '10.244.1.7')
      .nominated('node-2')
      .readinessGates('example.com/lb', 'example.com/dns')
      .condition('example.com/lb', 'True')
      .condition('example.com/dns', 'False')
      .build();
    expect(podRow(placed, NOW, true).slice(5)).toEqual(['10.244.1.7', 'node-1', 'node-2', '1/2']);
  });

  it('falls back to status.podIP when podIPs is absent', () => {
    const pod = makePod().app('app').build();
    pod.status.podIP = '10.244.1.8';
    expect(podRow(pod, NOW, true)[5]).toBe('10.244.1.8');
  });
});

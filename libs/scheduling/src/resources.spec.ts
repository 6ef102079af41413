import { Pod } from '@kubesim/api';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, nodeAllocatable, podRequests } from './resources';
import { makeNode, makePod } from './testing/builders';

const Mi = 1024 ** 2;

describe('podRequests', () => {
  it.each<[string, Pod, number, number]>([
    ['no requests at all', makePod().build(), 0, 0],
    ['one container', makePod().requests({ cpu: '500m', memory: '128Mi' }).build(), 500, 128 * Mi],
    ['app containers are summed', makePod().requests({ cpu: '500m' }).requests({ cpu: '250m' }).build(), 750, 0],
    [
      'a bigger init container wins',
      makePod().requests({ cpu: '500m' }).initRequests({ cpu: '2' }).build(),
      2000,
      0,
    ],
    [
      'smaller init containers do not add up',
      makePod().requests({ cpu: '1' }).initRequests({ cpu: '600m' }).initRequests({ cpu: '700m' }).build(),
      1000,
      0,
    ],
    [
      'max is per resource',
      makePod().requests({ cpu: '1', memory: '64Mi' }).initRequests({ cpu: '100m', memory: '256Mi' }).build(),
      1000,
      256 * Mi,
    ],
    [
      'sidecars add to the app containers',
      makePod().requests({ cpu: '500m' }).sidecarRequests({ cpu: '200m' }).build(),
      700,
      0,
    ],
    [
      'an init container after a sidecar carries the sidecar',
      makePod().requests({ cpu: '100m' }).sidecarRequests({ cpu: '200m' }).initRequests({ cpu: '1' }).build(),
      1200,
      0,
    ],
  ])('%s', (_name, pod, cpu, memory) => {
    expect(podRequests(pod)).toEqual({ milliCpu: cpu, memory, pods: 1, scalar: {} });
  });

  it.each<[string, Pod, number, number]>([
    ['a container with no requests', makePod().build(), DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST],
    ['only the missing resource defaults', makePod().requests({ cpu: '1' }).build(), 1000, DEFAULT_MEMORY_REQUEST],
    ['an explicit zero stays zero', makePod().requests({ cpu: '0', memory: '0' }).build(), 0, 0],
    ['per container', makePod().requests({ cpu: '1' }).container().build(), 1100, 2 * DEFAULT_MEMORY_REQUEST],
  ])('for scoring, %s', (_name, pod, cpu, memory) => {
    expect(podRequests(pod, { nonZero: true })).toEqual({ milliCpu: cpu, memory, pods: 1, scalar: {} });
  });
});

describe('nodeAllocatable', () => {
  it('reads allocatable, not capacity', () => {
    const node = makeNode().capacity({ cpu: '4', memory: '8Gi', pods: '110' }).allocatable({ cpu: '3500m' }).build();
    expect(nodeAllocatable(node)).toEqual({ milliCpu: 3500, memory: 8 * 1024 ** 3, pods: 110, scalar: {} });
  });
});

describe('extended and other scalar resources', () => {
  it('are requested like memory: summed over app containers, max with init containers', () => {
    const pod = makePod()
      .requests({ 'example.com/foo': '1' })
      .requests({ 'example.com/foo': '2', 'ephemeral-storage': '1Gi' })
      .initRequests({ 'example.com/foo': '5' })
      .build();
    expect(podRequests(pod).scalar).toEqual({ 'example.com/foo': 5, 'ephemeral-storage': 1024 ** 3 });
  });

  it('a limit without a request counts as the request', () => {
    const pod = makePod().container({ resources: { limits: { 'example.com/foo': '2' } } }).build();
    expect(podRequests(pod).scalar).toEqual({ 'example.com/foo': 2 });
  });

  it('a node advertises them in allocatable', () => {
    const node = makeNode().capacity({ 'example.com/foo': '4' }).build();
    expect(nodeAllocatable(node).scalar).toEqual({ 'example.com/foo': 4 });
  });
});

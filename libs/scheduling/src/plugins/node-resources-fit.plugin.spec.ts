import { Pod } from '@kubesim/api';
import { FilterResult, newNodeInfo } from '../framework';
import { makeNode, makePod } from '../testing/builders';
import { nodeResourcesFit } from './node-resources-fit.plugin';

const node = makeNode('n1').capacity({ cpu: '2', memory: '4Gi', pods: '3' }).build();
const running = (name: string, cpu: string, memory: string) =>
  makePod(name).nodeName('n1').requests({ cpu, memory }).phase('Running').build();
const ok: FilterResult = { code: 'Success', reasons: [] };
const no = (...reasons: string[]): FilterResult => ({ code: 'Unschedulable', reasons });

describe('NodeResourcesFit filter', () => {
  it.each<[string, Pod, Pod[], FilterResult]>([
    ['fits on an empty node', makePod().requests({ cpu: '2', memory: '4Gi' }).build(), [], ok],
    ['a pod with no requests fits', makePod().build(), [running('a', '2', '4Gi')], ok],
    ['cpu beyond allocatable', makePod().requests({ cpu: '2001m' }).build(), [], no('Insufficient cpu')],
    ['cpu beyond what is left', makePod().requests({ cpu: '1' }).build(), [running('a', '1500m', '0')], no('Insufficient cpu')],
    ['memory beyond what is left', makePod().requests({ memory: '3Gi' }).build(), [running('a', '0', '2Gi')], no('Insufficient memory')],
    [
      'several reasons from one node',
      makePod().requests({ cpu: '1', memory: '3Gi' }).build(),
      [running('a', '1500m', '2Gi')],
      no('Insufficient cpu', 'Insufficient memory'),
    ],
    [
      'too many pods, even with no requests',
      makePod().build(),
      [running('a', '0', '0'), running('b', '0', '0'), running('c', '0', '0')],
      no('Too many pods'),
    ],
    [
      'terminated pods free their resources',
      makePod().requests({ cpu: '2' }).build(),
      [makePod('done').nodeName('n1').requests({ cpu: '2' }).phase('Succeeded').build()],
      ok,
    ],
    ['init container max rule: a big init container', makePod().requests({ cpu: '100m' }).initRequests({ cpu: '3' }).build(), [], no('Insufficient cpu')],
    [
      'init container max rule: init and app containers do not add up',
      makePod().requests({ cpu: '1500m' }).initRequests({ cpu: '1500m' }).build(),
      [],
      ok,
    ],
    ['an extended resource the node does not advertise', makePod().requests({ 'example.com/foo': '1' }).build(), [], no('Insufficient example.com/foo')],
    ['ephemeral-storage beyond allocatable', makePod().requests({ 'ephemeral-storage': '1Gi' }).build(), [], no('Insufficient ephemeral-storage')],
  ])('%s', (_name, pod, pods, expected) => {
    expect(nodeResourcesFit.filter(pod, newNodeInfo(node, pods))).toEqual(expected);
  });
});

describe('NodeResourcesFit filter, extended resources', () => {
  const gpuNode = makeNode('n1').capacity({ 'example.com/foo': '2' }).build();
  const using = (n: string) => makePod('user').nodeName('n1').requests({ 'example.com/foo': n }).phase('Running').build();

  it.each<[string, Pod, Pod[], FilterResult]>([
    ['fits what is advertised', makePod().requests({ 'example.com/foo': '2' }).build(), [], ok],
    ['beyond what is left', makePod().requests({ 'example.com/foo': '2' }).build(), [using('1')], no('Insufficient example.com/foo')],
    [
      'a limit alone is the request',
      makePod().container({ resources: { limits: { 'example.com/foo': '3' } } }).build(),
      [],
      no('Insufficient example.com/foo'),
    ],
    [
      'with cpu, in a fixed order',
      makePod().requests({ cpu: '5', 'example.com/foo': '3', 'example.com/bar': '1' }).build(),
      [],
      no('Insufficient cpu', 'Insufficient example.com/bar', 'Insufficient example.com/foo'),
    ],
  ])('%s', (_name, pod, pods, expected) => {
    expect(nodeResourcesFit.filter(pod, newNodeInfo(gpuNode, pods))).toEqual(expected);
  });
});

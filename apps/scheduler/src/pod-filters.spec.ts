import type { Pod } from '@kubesim/api';
import { aPod } from '@kubesim/testing';
import { needsScheduling } from './pod-filters';

const pending = aPod('web');
const change = (f: (p: Pod) => void): Pod => {
  const p = structuredClone(pending);
  f(p);
  return p;
};

describe('needsScheduling: the pods this scheduler must place', () => {
  it.each<[string, Pod, boolean]>([
    ['a new pod for default-scheduler', pending, true],
    ['a pod already bound', change((p) => (p.spec.nodeName = 'node-1')), false],
    ['a pod for another scheduler', change((p) => (p.spec.schedulerName = 'my-scheduler')), false],
    ['a pod being deleted', change((p) => (p.metadata.deletionTimestamp = '2024-05-01T10:00:30Z')), false],
    ['a pod that has Succeeded', change((p) => (p.status.phase = 'Succeeded')), false],
    ['a pod that has Failed', change((p) => (p.status.phase = 'Failed')), false],
    ['a pod with a scheduling gate left', change((p) => (p.spec.schedulingGates = [{ name: 'example.com/foo' }])), false],
    ['a pod whose scheduling gates are all gone', change((p) => (p.spec.schedulingGates = [])), true],
    ['an unbound pod that is Pending with conditions already (retried after Unschedulable)', change((p) => (p.status.conditions = [])), true],
  ])('%s → %s', (_case, pod, expected) => {
    expect(needsScheduling(pod, 'default-scheduler')).toBe(expected);
  });
});

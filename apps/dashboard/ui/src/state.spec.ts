import type { PodView } from '../../src/view/view.types';
import { applyMessage, emptyState, formatMemory, podGroups, requested } from './state';

const pod = (name: string, node: string, workload = '', look: PodView['look'] = 'running'): PodView =>
  ({ key: `Pod/default/${name}`, namespace: 'default', name, node, workload, look, cpu: 100, memory: 1024 ** 2 } as PodView);

describe('the page’s live state', () => {
  const s0 = applyMessage(emptyState(), { type: 'snapshot', view: { seq: 5, time: 0, nodes: [], pods: [pod('a', 'node-1')], workloads: [], events: [] } });

  it('replaces a changed pod in place and removes a deleted one', () => {
    const s1 = applyMessage(s0, { type: 'change', seq: 6, time: 1, upsert: { pods: [{ ...pod('a', 'node-1'), status: 'Terminating' }] }, remove: [] });
    expect(s1.pods.get('Pod/default/a')?.status).toBe('Terminating');
    expect(s0.pods.get('Pod/default/a')?.status).toBeUndefined();
    const s2 = applyMessage(s1, { type: 'change', seq: 7, time: 2, upsert: {}, remove: ['Pod/default/a'] });
    expect(s2.pods.size).toBe(0);
    expect(s2.seq).toBe(7);
  });

  it('groups a node’s pods by workload, pods without one last', () => {
    const groups = podGroups([pod('z', 'node-1'), pod('web-2', 'node-1', 'Deployment/web'), pod('web-1', 'node-1', 'Deployment/web'), pod('x', 'node-2')], 'node-1');
    expect(groups.map((g) => [g.workload, g.pods.map((p) => p.name)])).toEqual([
      ['Deployment/web', ['web-1', 'web-2']],
      ['', ['z']],
    ]);
  });

  it('counts requests of pods that still hold them', () => {
    expect(requested([pod('a', 'node-1'), pod('b', 'node-1', '', 'succeeded'), pod('c', 'node-2')], 'node-1')).toEqual({ cpu: 100, memory: 1024 ** 2, pods: 1 });
    expect(formatMemory(8 * 1024 ** 3)).toBe('8Gi');
  });
});

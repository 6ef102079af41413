import type { Pod, PodStatus } from '@kubesim/api';
import { aPod } from '@kubesim/testing';
import { podsToMark } from './lost-pods';

const ready = (status: 'True' | 'False') => [{ type: 'Ready', status, lastProbeTime: null, lastTransitionTime: '2024-05-01T09:00:00Z' }];
const pod = (name: string, node: string | undefined, status: PodStatus): Pod => {
  const p = aPod(name);
  return { ...p, spec: { ...p.spec, nodeName: node }, status };
};
const running = pod('running', 'node-2', { phase: 'Running', conditions: ready('True') });
const elsewhere = pod('elsewhere', 'node-1', { phase: 'Running', conditions: ready('True') });
const done = pod('done', 'node-2', { phase: 'Succeeded' });
const pending = pod('pending', 'node-2', { phase: 'Pending' });
const markedModern = pod('marked', 'node-2', { phase: 'Running', conditions: ready('False') });
const markedLegacy = pod('lost', 'node-2', { phase: 'Unknown', reason: 'NodeLost', conditions: ready('False') });
const all = [running, elsewhere, done, pending, markedModern, markedLegacy];
const names = (r: { pod: Pod }[]) => r.map((x) => x.pod.metadata.name);

describe('podsToMark', () => {
  it('a Ready node: none', () => {
    expect(podsToMark('node-2', 'True', all, 'legacy')).toEqual([]);
  });

  it('unreachable, legacy: every unfinished pod of the node not yet Unknown', () => {
    const r = podsToMark('node-2', 'Unknown', all, 'legacy');
    expect(names(r)).toEqual(['running', 'pending', 'marked']);
    expect(r.every((x) => x.policy === 'legacy')).toBe(true);
  });

  it('unreachable, modern: every unfinished pod not yet Ready=False', () => {
    expect(names(podsToMark('node-2', 'Unknown', all, 'modern'))).toEqual(['running', 'pending']);
  });

  it('Ready=False (kubelet alive): only Ready=False, whatever the policy', () => {
    const r = podsToMark('node-2', 'False', all, 'legacy');
    expect(names(r)).toEqual(['running', 'pending']);
    expect(r.every((x) => x.policy === 'modern')).toBe(true);
  });
});

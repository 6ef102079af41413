import type { Pod, Taint, Toleration } from '@kubesim/api';
import { aPod } from '@kubesim/testing';
import { evictable, evictionPlan } from './eviction-plan';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2024-05-01T10:00:00Z' };
const unreachableSched: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' };
const dedicatedExec: Taint = { key: 'dedicated', value: 'db', effect: 'NoExecute' };
const tol = (key: string, seconds?: number): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', ...(seconds === undefined ? {} : { tolerationSeconds: seconds }) });
/** aPod is defaulted like the apiserver does: it already tolerates not-ready and unreachable for 300 s. */
const withTolerations = (...tolerations: Toleration[]): Pod => {
  const p = aPod('x');
  return { ...p, spec: { ...p.spec, tolerations } };
};

describe('evictionPlan', () => {
  it.each([
    ['no NoExecute taint: keep', aPod('x'), [unreachableSched], { kind: 'Keep' }],
    ['the default 300 s toleration, time scale 1', aPod('x'), [unreachable, unreachableSched], { kind: 'EvictAt', at: T0 + 300_000, tolerationSeconds: 300 }],
    ['the smallest matching seconds wins', withTolerations(tol('node.kubernetes.io/unreachable', 300), tol('', 60)), [unreachable], { kind: 'EvictAt', at: T0 + 60_000, tolerationSeconds: 60 }],
    ['tolerated forever (DaemonSet pods): keep', withTolerations(tol('node.kubernetes.io/unreachable')), [unreachable], { kind: 'Keep' }],
    ['forever and 30 s both match: 30 s', withTolerations(tol('node.kubernetes.io/unreachable'), tol('node.kubernetes.io/unreachable', 30)), [unreachable], { kind: 'EvictAt', at: T0 + 30_000, tolerationSeconds: 30 }],
    ['no matching toleration: now', withTolerations(), [unreachable], { kind: 'EvictNow' }],
    ['one untolerated taint among tolerated ones: now', aPod('x'), [unreachable, dedicatedExec], { kind: 'EvictNow' }],
    ['tolerationSeconds 0: now', withTolerations(tol('node.kubernetes.io/unreachable', 0)), [unreachable], { kind: 'EvictNow' }],
  ] as const)('%s', (_name, pod, taints, expected) => {
    expect(evictionPlan(pod, taints, T0 + 5000, 1)).toEqual(expected);
  });

  it('scales the toleration by the time scale', () => {
    expect(evictionPlan(aPod('x'), [unreachable], T0, 0.1)).toEqual({ kind: 'EvictAt', at: T0 + 30_000, tolerationSeconds: 300 });
  });

  it('counts from first sight when the taint has no timeAdded', () => {
    const { timeAdded: _, ...bare } = unreachable;
    expect(evictionPlan(aPod('x'), [bare], T0 + 7000, 1)).toMatchObject({ at: T0 + 307_000 });
  });
});

describe('evictable', () => {
  const on = (p: Pod, node?: string): Pod => ({ ...p, spec: { ...p.spec, nodeName: node } });
  it('bound to the node, unfinished, not deleting', () => {
    expect(evictable(on(aPod('x'), 'node-2'), 'node-2')).toBe(true);
    expect(evictable(on(aPod('x'), 'node-1'), 'node-2')).toBe(false);
    const deleting = on(aPod('x'), 'node-2');
    expect(evictable({ ...deleting, metadata: { ...deleting.metadata, deletionTimestamp: '2024-05-01T10:00:30Z' } }, 'node-2')).toBe(false);
    expect(evictable({ ...deleting, status: { phase: 'Failed' } }, 'node-2')).toBe(false);
  });
});

import { orphanedPods } from './pod-gc.reconcile';
import { aNodeNamed, aPodWith } from '../shared/workload.fixtures';

describe('PodGC: pods of a node that is gone', () => {
  it('deletes them only after the quarantine, and forgets pods that are no longer orphaned', () => {
    const seen = new Map<string, number>();
    const pods = [aPodWith('on-gone', { node: 'node-9' }), aPodWith('on-live', { node: 'node-1' }), aPodWith('unbound')];
    const nodes = [aNodeNamed('node-1')];
    expect(orphanedPods(pods, nodes, seen, 1000, 40_000)).toEqual([]);
    expect(orphanedPods(pods, nodes, seen, 40_999, 40_000)).toEqual([]);
    expect(orphanedPods(pods, nodes, seen, 41_000, 40_000).map((p) => p.metadata.name)).toEqual(['on-gone']);
    // The node came back: the pod is not an orphan any more.
    expect(orphanedPods(pods, [...nodes, aNodeNamed('node-9')], seen, 50_000, 40_000)).toEqual([]);
    expect(seen.size).toBe(0);
  });
});

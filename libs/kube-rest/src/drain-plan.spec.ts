import type { Pod } from '@kubesim/api';
import { aPod } from '@kubesim/testing';
import { drainPlan } from './drain-plan';

const on = (name: string, node: string, owner?: string, phase: Pod['status']['phase'] = 'Running'): Pod => {
  const p = aPod(name);
  const ownerReferences = owner ? [{ apiVersion: 'apps/v1', kind: owner, name: 'o', uid: 'u', controller: true }] : undefined;
  return { ...p, metadata: { ...p.metadata, ...(ownerReferences ? { ownerReferences } : {}) }, spec: { ...p.spec, nodeName: node }, status: { phase } };
};
const web = on('web-1', 'node-2', 'ReplicaSet');
const agent = on('agent', 'node-2', 'DaemonSet');
const bare = on('bare', 'node-2');
const done = on('job', 'node-2', undefined, 'Succeeded');
const other = on('web-2', 'node-1', 'ReplicaSet');
const names = (ps: Pod[]) => ps.map((p) => p.metadata.name);

describe('drainPlan', () => {
  it('evicts managed and finished pods of the node only', () => {
    expect(drainPlan([web, done, other], 'node-2', { ignoreDaemonsets: false, force: false })).toEqual({ evict: [web, done] });
  });

  it('refuses DaemonSet pods without --ignore-daemonsets and unmanaged pods without --force, evicting nothing', () => {
    const plan = drainPlan([web, agent, bare], 'node-2', { ignoreDaemonsets: false, force: false });
    expect(plan.evict).toEqual([]);
    expect(plan.error).toBe(
      'unable to drain node "node-2" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare, cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent, continuing command...',
    );
  });

  it('with both flags: leaves DaemonSet pods, deletes unmanaged ones, and warns about both', () => {
    const plan = drainPlan([web, agent, bare], 'node-2', { ignoreDaemonsets: true, force: true });
    expect(names(plan.evict)).toEqual(['web-1', 'bare']);
    expect(plan.warning).toBe('Warning: ignoring DaemonSet-managed Pods: default/agent; deleting Pods that declare no controller: default/bare');
  });
});

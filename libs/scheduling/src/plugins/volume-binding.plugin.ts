import {
  claimClass,
  isClaimBound,
  isDelayBinding,
  NO_PROVISIONER,
  podClaimNames,
  type Node,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type Pod,
} from '@kubesim/api';
import { FilterPlugin, FilterResult, preFilterReject, SKIP, status, success, VolumeListers } from '../framework';
import { matchesNodeSelectorTerms } from '../node-selector';
import { PluginName } from '../plugin-names';
import { findMatchingVolume, volumeFitsNode } from '../volume-matching';

/** Upstream volumebinding's reason strings. */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

export interface VolumeBindingState {
  readonly listers?: VolumeListers;
  /** Claims bound to a PV: the PV must fit the node. */
  readonly bound: readonly PersistentVolumeClaim[];
  /** WaitForFirstConsumer claims not bound yet: a PV on the node, or provisioning there. */
  readonly delayed: readonly PersistentVolumeClaim[];
}

const NONE: VolumeBindingState = { bound: [], delayed: [] };

/** What binding the pod's delayed claims on a node takes (upstream `PodVolumes`): PVs to pre-bind, claims to provision. */
export interface VolumePlan {
  readonly staticBindings: readonly { readonly claim: PersistentVolumeClaim; readonly volume: PersistentVolume }[];
  readonly provisions: readonly PersistentVolumeClaim[];
}

/** FindPodVolumes for one node: the plan, or the reasons it fails there. */
export function planVolumes(state: VolumeBindingState, node: Node): { plan: VolumePlan; reasons: string[] } {
  const listers = state.listers;
  const staticBindings: { claim: PersistentVolumeClaim; volume: PersistentVolume }[] = [];
  const provisions: PersistentVolumeClaim[] = [];
  if (!listers) return { plan: { staticBindings, provisions }, reasons: [] };
  let nodeConflict = false;
  let pvMissing = false;
  let unbound = false;
  for (const c of state.bound) {
    const v = listers.volume(c.spec.volumeName);
    if (!v) pvMissing = true;
    else if (!volumeFitsNode(v, node)) nodeConflict = true;
  }
  const chosen = new Set<string>();
  for (const c of state.delayed) {
    const v = findMatchingVolume(c, listers.volumes, { node, delayBinding: true, excluded: chosen });
    if (v) {
      chosen.add(v.metadata.name);
      staticBindings.push({ claim: c, volume: v });
      continue;
    }
    const sc = listers.storageClass(claimClass(c));
    const provisionable = sc && sc.provisioner !== NO_PROVISIONER && (!sc.allowedTopologies?.length || matchesNodeSelectorTerms(topologyTerms(sc.allowedTopologies), node));
    if (provisionable) provisions.push(c);
    else unbound = true;
  }
  const reasons = [...(nodeConflict ? [ERR_REASON_NODE_CONFLICT] : []), ...(unbound ? [ERR_REASON_BIND_CONFLICT] : []), ...(pvMissing ? [ERR_REASON_PV_NOT_EXIST] : [])];
  return { plan: { staticBindings, provisions }, reasons };
}

/** A class's allowedTopologies (`matchLabelExpressions: [{key, values}]`) as node selector terms. */
const topologyTerms = (terms: { matchLabelExpressions?: { key: string; values: string[] }[] }[]) =>
  terms.map((t) => ({ matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({ key: e.key, operator: 'In' as const, values: e.values })) }));

/** PreFilter's claim checks (upstream `podHasPVCs` and `GetPodVolumeClaims`). */
export function volumeBindingPreFilter(pod: Pod, listers: VolumeListers | undefined) {
  const names = podClaimNames(pod);
  if (!names.length || !listers) return NONE;
  const claims: PersistentVolumeClaim[] = [];
  for (const name of names) {
    const c = listers.claim(pod.metadata.namespace ?? 'default', name);
    if (!c) return preFilterReject('UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" not found`);
    if (c.status?.phase === 'Lost') return preFilterReject('UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${c.spec?.volumeName ?? ''}"`);
    if (c.metadata.deletionTimestamp) return preFilterReject('UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" is being deleted`);
    claims.push(c);
  }
  const bound: PersistentVolumeClaim[] = [];
  const delayed: PersistentVolumeClaim[] = [];
  for (const c of claims) {
    if (isClaimBound(c)) bound.push(c);
    else if (isDelayBinding(c, (n) => listers.storageClass(n)) && !c.spec?.volumeName) delayed.push(c);
    // Immediate claims (and pre-bound ones) are the PV controller's to bind first.
    else return preFilterReject('UnschedulableAndUnresolvable', ERR_UNBOUND_IMMEDIATE);
  }
  return { listers, bound, delayed };
}

/**
 * VolumeBinding (upstream `volumebinding`): the pod's PersistentVolumeClaims must exist and, for
 * Immediate binding, be bound already; a bound PV's node affinity must admit the node; a
 * WaitForFirstConsumer claim needs an Available PV there or a class that can provision there.
 */
export const volumeBinding: FilterPlugin<VolumeBindingState> = {
  name: PluginName.VolumeBinding,
  // No claims: Skip, so Filter is not run per node (upstream's PreFilter returns Skip when !podHasPVCs).
  preFilter: (pod, _snapshot, cycle) => (podClaimNames(pod).length ? volumeBindingPreFilter(pod, cycle?.volumes) : SKIP),
  filter(_pod, nodeInfo, state): FilterResult {
    if (!state || (!state.bound.length && !state.delayed.length)) return success();
    const { reasons } = planVolumes(state, nodeInfo.node);
    return reasons.length ? status('UnschedulableAndUnresolvable', ...reasons) : success();
  },
};

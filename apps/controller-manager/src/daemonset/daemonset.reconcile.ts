import type { DaemonSet, Node, Pod, Toleration, WrittenObject } from '@kubesim/api';
import { selectorMatches } from '@kubesim/core';
import { findUntoleratedTaint, matchesRequiredNodeAffinity } from '@kubesim/scheduling';
import { podTemplateHash } from '../shared/template-hash';
import { controllerOf, deletionOrder, isActive, isAvailable, isReady } from '../shared/pod-state';
import { ownerReference } from '../shared/owner';

export const REVISION_HASH = 'controller-revision-hash';

/** The tolerations the DaemonSet controller adds to every daemon pod (semantics §9.3, §11.3). */
export const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export type DaemonSetAction =
  | { type: 'create'; pod: WrittenObject; node: string }
  | { type: 'delete'; pod: Pod }
  | { type: 'status'; status: DaemonSet['status'] };

function daemonPod(ds: DaemonSet, node: string, hash: string, suffix: string): WrittenObject {
  const t = ds.spec.template;
  const tolerations = [...(t.spec.tolerations ?? [])];
  for (const d of DAEMON_TOLERATIONS) if (!tolerations.some((x) => x.key === d.key && (x.effect ?? '') === d.effect)) tolerations.push(d);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${ds.metadata.name}-${suffix}`,
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), [REVISION_HASH]: hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
      ownerReferences: [ownerReference(ds)],
    },
    spec: {
      ...structuredClone(t.spec),
      tolerations,
      // Placed by the default scheduler, pinned to the node by affinity (since v1.12).
      affinity: {
        ...(t.spec.affinity ?? {}),
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] },
        },
      },
    },
  };
}

/** The node a daemon pod is for: its binding, or the node its affinity pins it to. */
export function targetNode(p: Pod): string | undefined {
  if (p.spec.nodeName) return p.spec.nodeName;
  const term = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0];
  return term?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
}

/** Whether a daemon pod should run on `node`: selector/affinity match and NoSchedule/NoExecute taints tolerated. */
export function shouldRun(ds: DaemonSet, node: Node): boolean {
  const probe = { spec: { ...ds.spec.template.spec, tolerations: [...(ds.spec.template.spec.tolerations ?? []), ...DAEMON_TOLERATIONS] }, metadata: { name: ds.metadata.name } } as unknown as Pod;
  if (!matchesRequiredNodeAffinity(probe, node)) return false;
  return !findUntoleratedTaint(node.spec.taints ?? [], probe.spec.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
}

export interface DaemonSetContext {
  now: number;
  timeScale: number;
  suffix: () => string;
}

/**
 * One DaemonSet sync (pure): one pod per eligible node (nodes added later included), none
 * elsewhere; a changed template replaces pods one node at a time (maxUnavailable 1).
 */
export function reconcileDaemonSet(ds: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], ctx: DaemonSetContext): DaemonSetAction[] {
  const hash = podTemplateHash(ds.spec.template);
  const mine = pods.filter((p) => p.metadata.namespace === ds.metadata.namespace && controllerOf(p)?.uid === ds.metadata.uid && selectorMatches(ds.spec.selector, p.metadata.labels));
  const byNode = new Map<string, Pod[]>();
  for (const p of mine.filter(isActive)) {
    const n = targetNode(p) ?? '';
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  const actions: DaemonSetAction[] = [];
  const eligible = nodes.filter((n) => shouldRun(ds, n));
  const names = new Set(eligible.map((n) => n.metadata.name));
  let desired = 0;
  let current = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  let misscheduled = 0;
  let unavailableNow = 0;
  for (const n of eligible) {
    desired++;
    const here = byNode.get(n.metadata.name) ?? [];
    if (here.length === 0) {
      actions.push({ type: 'create', pod: daemonPod(ds, n.metadata.name, hash, ctx.suffix()), node: n.metadata.name });
      continue;
    }
    current++;
    const [keep, ...extra] = [...here].sort((a, b) => -deletionOrder(a, b));
    for (const p of extra) actions.push({ type: 'delete', pod: p });
    if (isReady(keep)) ready++;
    if (isAvailable(keep, ds.spec.minReadySeconds ?? 0, ctx.now, ctx.timeScale)) available++;
    else unavailableNow++;
    if (keep.metadata.labels?.[REVISION_HASH] === hash) updated++;
  }
  for (const [node, here] of byNode) {
    if (names.has(node)) continue;
    misscheduled++;
    for (const p of here) actions.push({ type: 'delete', pod: p });
  }
  // Rolling update: replace outdated pods while at most one node is without an available pod.
  if (ds.spec.updateStrategy.type === 'RollingUpdate') {
    let budget = 1 - unavailableNow;
    for (const n of eligible) {
      if (budget <= 0) break;
      const p = (byNode.get(n.metadata.name) ?? [])[0];
      if (p && p.metadata.labels?.[REVISION_HASH] !== hash) {
        actions.push({ type: 'delete', pod: p });
        budget--;
      }
    }
  }
  const status: DaemonSet['status'] = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
    observedGeneration: ds.metadata.generation ?? 1,
  };
  if (JSON.stringify(status) !== JSON.stringify(ds.status)) actions.push({ type: 'status', status });
  return actions;
}

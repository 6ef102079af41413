import type { Deployment, ReplicaSet, WorkloadCondition, WrittenObject } from '@kubesim/api';
import { rfc3339 } from '@kubesim/api';
import { controllerOf } from '../shared/pod-state';
import { surgeAndUnavailable } from './deployment.math';
import { podTemplateHash } from '../shared/template-hash';
import { ownerReference } from '../shared/owner';

export const REVISION = 'deployment.kubernetes.io/revision';
export const TEMPLATE_HASH = 'pod-template-hash';

export type DeploymentAction =
  | { type: 'createRS'; rs: WrittenObject; message: string }
  | { type: 'scaleRS'; rs: ReplicaSet; replicas: number; message: string }
  | { type: 'deleteRS'; rs: ReplicaSet }
  | { type: 'reviseRS'; rs: ReplicaSet; revision: number }
  /** The Deployment's own `deployment.kubernetes.io/revision`: its newest ReplicaSet's (`kubectl rollout undo` patches it). */
  | { type: 'annotateRevision'; revision: number }
  | { type: 'status'; status: Deployment['status'] };

const revision = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
const byAge = (a: ReplicaSet, b: ReplicaSet) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp) || a.metadata.name.localeCompare(b.metadata.name);

function scaleMessage(rs: { metadata: { name: string } }, from: number, to: number) {
  return `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`;
}

/** The ReplicaSet a Deployment's current template needs. */
function newReplicaSet(d: Deployment, hash: string, replicas: number, rev: number): WrittenObject {
  const labels = { ...(d.spec.template.metadata?.labels ?? {}), [TEMPLATE_HASH]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels,
      annotations: { [REVISION]: String(rev), 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas), 'deployment.kubernetes.io/max-replicas': String(d.spec.replicas) },
      ownerReferences: [ownerReference(d)],
    },
    spec: {
      replicas,
      minReadySeconds: d.spec.minReadySeconds,
      selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [TEMPLATE_HASH]: hash } },
      template: { ...d.spec.template, metadata: { ...(d.spec.template.metadata ?? {}), labels } },
    },
  };
}

export interface DeploymentContext {
  now: number;
  timeScale: number;
}

/**
 * One Deployment sync (pure): find or create the new ReplicaSet for the current template, then
 * scale new and old ReplicaSets per the strategy (RollingUpdate with maxSurge/maxUnavailable, or
 * Recreate), drop old ones beyond revisionHistoryLimit, and compute status and conditions.
 */
export function reconcileDeployment(d: Deployment, all: readonly ReplicaSet[], ctx: DeploymentContext): DeploymentAction[] {
  // Being deleted: its ReplicaSets are the garbage collector's now (upstream syncs only the status).
  if (d.metadata.deletionTimestamp) return [];
  const owned = all.filter((rs) => rs.metadata.namespace === d.metadata.namespace && controllerOf(rs)?.uid === d.metadata.uid).sort(byAge);
  const hash = podTemplateHash(d.spec.template);
  const current = owned.find((rs) => rs.metadata.labels?.[TEMPLATE_HASH] === hash);
  const old = owned.filter((rs) => rs !== current);
  const actions: DeploymentAction[] = [];
  const replicas = d.spec.replicas;
  const oldCount = old.reduce((n, rs) => n + rs.spec.replicas, 0);

  if (!current) {
    const rev = Math.max(0, ...owned.map(revision)) + 1;
    let initial = replicas;
    if (d.spec.strategy.type === 'Recreate') initial = oldCount > 0 ? 0 : replicas;
    else if (old.length) {
      const { maxSurge } = surgeAndUnavailable(replicas, d.spec.strategy.rollingUpdate?.maxSurge, d.spec.strategy.rollingUpdate?.maxUnavailable);
      initial = Math.max(0, Math.min(replicas, replicas + maxSurge - oldCount));
    }
    const rs = newReplicaSet(d, hash, initial, rev);
    actions.push({ type: 'createRS', rs, message: `Scaled up replica set ${rs.metadata.name} from 0 to ${initial}` });
    return actions; // the next sync sees it and continues
  }

  // Rolling back to an old template reuses its ReplicaSet, which becomes the newest revision.
  const maxOld = Math.max(0, ...old.map(revision));
  if (revision(current) < maxOld) actions.push({ type: 'reviseRS', rs: current, revision: maxOld + 1 });
  const currentRevision = Math.max(revision(current), revision(current) < maxOld ? maxOld + 1 : 0);
  if (d.metadata.annotations?.[REVISION] !== String(currentRevision)) actions.push({ type: 'annotateRevision', revision: currentRevision });

  if (d.spec.strategy.type === 'Recreate') {
    for (const rs of old) if (rs.spec.replicas > 0) actions.push({ type: 'scaleRS', rs, replicas: 0, message: scaleMessage(rs, rs.spec.replicas, 0) });
    const oldRunning = old.reduce((n, rs) => n + (rs.status.replicas ?? 0), 0);
    if (oldCount === 0 && oldRunning === 0 && current.spec.replicas !== replicas) {
      actions.push({ type: 'scaleRS', rs: current, replicas, message: scaleMessage(current, current.spec.replicas, replicas) });
    }
  } else {
    const { maxSurge, maxUnavailable } = surgeAndUnavailable(replicas, d.spec.strategy.rollingUpdate?.maxSurge, d.spec.strategy.rollingUpdate?.maxUnavailable);
    let newReplicas = current.spec.replicas;
    const allCount = oldCount + current.spec.replicas;
    if (current.spec.replicas > replicas) newReplicas = replicas;
    else if (allCount < replicas + maxSurge) newReplicas = Math.min(replicas, current.spec.replicas + (replicas + maxSurge - allCount));
    if (newReplicas !== current.spec.replicas) actions.push({ type: 'scaleRS', rs: current, replicas: newReplicas, message: scaleMessage(current, current.spec.replicas, newReplicas) });

    // Old ReplicaSets: never below replicas − maxUnavailable available pods.
    if (oldCount > 0) {
      const minAvailable = replicas - maxUnavailable;
      const newUnavailable = newReplicas - (current.status.availableReplicas ?? 0);
      let budget = oldCount + newReplicas - minAvailable - Math.max(0, newUnavailable);
      const targets = new Map(old.map((rs) => [rs, rs.spec.replicas]));
      // First the unhealthy old replicas, then healthy ones as availability allows.
      for (const rs of old) {
        if (budget <= 0) break;
        const unhealthy = Math.max(0, rs.spec.replicas - (rs.status.availableReplicas ?? 0));
        const n = Math.min(budget, unhealthy);
        targets.set(rs, rs.spec.replicas - n);
        budget -= n;
      }
      const available = old.reduce((n, rs) => n + (rs.status.availableReplicas ?? 0), 0) + (current.status.availableReplicas ?? 0);
      let healthyBudget = Math.min(budget, available - minAvailable);
      for (const rs of old) {
        if (healthyBudget <= 0) break;
        const n = Math.min(targets.get(rs)!, healthyBudget);
        targets.set(rs, targets.get(rs)! - n);
        healthyBudget -= n;
      }
      for (const [rs, to] of targets) if (to !== rs.spec.replicas) actions.push({ type: 'scaleRS', rs, replicas: to, message: scaleMessage(rs, rs.spec.replicas, to) });
    }
  }

  // revisionHistoryLimit: old ReplicaSets scaled to 0 beyond the limit go, oldest first.
  const idle = old.filter((rs) => rs.spec.replicas === 0 && (rs.status.replicas ?? 0) === 0);
  for (const rs of idle.slice(0, Math.max(0, idle.length - d.spec.revisionHistoryLimit))) actions.push({ type: 'deleteRS', rs });

  const status = deploymentStatus(d, current, old, ctx);
  if (JSON.stringify(status) !== JSON.stringify(d.status)) actions.push({ type: 'status', status });
  return actions;
}

function condition(d: Deployment, type: string, status: 'True' | 'False', reason: string, message: string, now: string): WorkloadCondition {
  const old = d.status.conditions?.find((c) => c.type === type);
  const same = old && old.status === status && old.reason === reason;
  return { type, status, lastUpdateTime: same ? old.lastUpdateTime : now, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, reason, message };
}

export function deploymentStatus(d: Deployment, current: ReplicaSet, old: readonly ReplicaSet[], ctx: DeploymentContext): Deployment['status'] {
  const all = [current, ...old];
  const sum = (f: (rs: ReplicaSet) => number | undefined) => all.reduce((n, rs) => n + (f(rs) ?? 0), 0);
  const replicas = d.spec.replicas;
  const { maxUnavailable } = surgeAndUnavailable(replicas, d.spec.strategy.rollingUpdate?.maxSurge, d.spec.strategy.rollingUpdate?.maxUnavailable);
  const available = sum((rs) => rs.status.availableReplicas);
  const updated = current.status.replicas ?? 0;
  const total = sum((rs) => rs.status.replicas);
  const now = rfc3339(ctx.now);
  const complete = updated === replicas && (current.status.availableReplicas ?? 0) === replicas && total === replicas;
  const minimum = available >= replicas - (d.spec.strategy.type === 'Recreate' ? 0 : maxUnavailable);
  const availableCond = minimum
    ? condition(d, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now)
    : condition(d, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now);
  const rsName = current.metadata.name;
  let progressing: WorkloadCondition;
  const previous = d.status.conditions?.find((c) => c.type === 'Progressing');
  if (complete) progressing = condition(d, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, now);
  else {
    const since = previous && previous.reason !== 'NewReplicaSetAvailable' ? Date.parse(previous.lastUpdateTime ?? previous.lastTransitionTime) : ctx.now;
    const timedOut = previous?.reason === 'ProgressDeadlineExceeded' || ctx.now - since > d.spec.progressDeadlineSeconds * 1000 * ctx.timeScale;
    progressing = timedOut
      ? condition(d, 'Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, now)
      : previous?.reason === 'ReplicaSetUpdated'
        ? previous
        : condition(d, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, now);
  }
  return {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: total,
    updatedReplicas: updated,
    readyReplicas: sum((rs) => rs.status.readyReplicas),
    availableReplicas: available,
    ...(replicas - available > 0 ? { unavailableReplicas: replicas - available } : {}),
    conditions: [availableCond, progressing],
  };
}

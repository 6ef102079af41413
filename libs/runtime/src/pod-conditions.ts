import type { ContainerStatus, PodCondition, PodPhase, PodSpec } from '@kubesim/api';
import { hasAnyRegularContainerStarted, isSidecar } from './pod-phase';
import { rfc3339 } from './timestamps';

/** Reasons and condition types of pkg/kubelet/status/generate.go (semantics §1.3). */
export const PodConditionType = {
  PodReadyToStartContainers: 'PodReadyToStartContainers',
  Initialized: 'Initialized',
  Ready: 'Ready',
  ContainersReady: 'ContainersReady',
  PodScheduled: 'PodScheduled',
} as const;

export const ConditionReason = {
  UnknownContainerStatuses: 'UnknownContainerStatuses',
  ContainersNotInitialized: 'ContainersNotInitialized',
  ContainersNotReady: 'ContainersNotReady',
  ReadinessGatesNotReady: 'ReadinessGatesNotReady',
  PodCompleted: 'PodCompleted',
  PodFailed: 'PodFailed',
} as const;

/** The kubelet writes these; any other condition (DisruptionTarget, readiness gates) is kept as it was. */
export const KUBELET_CONDITIONS: readonly string[] = Object.values(PodConditionType);

export interface PodConditionsInput {
  readonly spec: Pick<PodSpec, 'containers' | 'initContainers'> & { readinessGates?: { conditionType: string }[] };
  readonly phase: PodPhase;
  readonly initContainerStatuses?: readonly ContainerStatus[];
  readonly containerStatuses?: readonly ContainerStatus[];
  /** The sandbox exists and its network is configured. */
  readonly sandboxReady: boolean;
}

type Fresh = Pick<PodCondition, 'type' | 'status' | 'reason' | 'message'>;

/**
 * The conditions the kubelet reports, in its order: other conditions first (as kept), then
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled. A condition whose
 * status did not change keeps its previous lastTransitionTime.
 */
export function podConditions(input: PodConditionsInput, now: number, previous: readonly PodCondition[] = []): PodCondition[] {
  const others = previous.filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  const statuses = [...(input.initContainerStatuses ?? []), ...(input.containerStatuses ?? [])];
  const containersReady = containersReadyCondition(input, statuses);
  const fresh: Fresh[] = [
    { type: PodConditionType.PodReadyToStartContainers, status: input.sandboxReady ? 'True' : 'False' },
    initializedCondition(input, statuses),
    readyCondition(input, containersReady, others),
    containersReady,
    { type: PodConditionType.PodScheduled, status: 'True' },
  ];
  return [...others, ...fresh.map((c) => withTransitionTime(c, now, previous))];
}

function withTransitionTime(c: Fresh, now: number, previous: readonly PodCondition[]): PodCondition {
  const old = previous.find((p) => p.type === c.type);
  const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : rfc3339(now);
  const condition: PodCondition = { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime };
  if (c.reason) condition.reason = c.reason;
  if (c.message) condition.message = c.message;
  return condition;
}

function initializedCondition(input: PodConditionsInput, statuses: readonly ContainerStatus[]): Fresh {
  const type = PodConditionType.Initialized;
  const inits = input.spec.initContainers ?? [];
  if (statuses.length === 0 && inits.length > 0) {
    return { type, status: 'False', reason: ConditionReason.UnknownContainerStatuses };
  }
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = input.initContainerStatuses?.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (isSidecar(c) ? s.started !== true : s.state.terminated?.exitCode !== 0) incomplete.push(c.name);
  }
  if (input.phase === 'Succeeded' && unknown.length === 0) return { type, status: 'True', reason: ConditionReason.PodCompleted };
  if (hasAnyRegularContainerStarted(input.spec, input.containerStatuses)) return { type, status: 'True' };
  const message = joinMessages([
    ['containers with unknown status', unknown],
    ['containers with incomplete status', incomplete],
  ]);
  return message ? { type, status: 'False', reason: ConditionReason.ContainersNotInitialized, message } : { type, status: 'True' };
}

function containersReadyCondition(input: PodConditionsInput, statuses: readonly ContainerStatus[]): Fresh {
  const type = PodConditionType.ContainersReady;
  if (statuses.length === 0) return { type, status: 'False', reason: ConditionReason.UnknownContainerStatuses };
  const unknown: string[] = [];
  const unready: string[] = [];
  const sidecars = (input.spec.initContainers ?? []).filter(isSidecar);
  for (const [c, list] of [
    ...sidecars.map((c) => [c, input.initContainerStatuses] as const),
    ...input.spec.containers.map((c) => [c, input.containerStatuses] as const),
  ]) {
    const s = list?.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (input.phase === 'Succeeded' && unknown.length === 0) return { type, status: 'False', reason: ConditionReason.PodCompleted };
  if (input.phase === 'Failed') return { type, status: 'False', reason: ConditionReason.PodFailed };
  const message = joinMessages([
    ['containers with unknown status', unknown],
    ['containers with unready status', unready],
  ]);
  return message ? { type, status: 'False', reason: ConditionReason.ContainersNotReady, message } : { type, status: 'True' };
}

function readyCondition(input: PodConditionsInput, containersReady: Fresh, others: readonly PodCondition[]): Fresh {
  const type = PodConditionType.Ready;
  if (containersReady.status !== 'True') return { ...containersReady, type };
  const gateMessages = (input.spec.readinessGates ?? []).flatMap(({ conditionType }) => {
    const c = others.find((o) => o.type === conditionType);
    if (!c) return [`corresponding condition of pod readiness gate "${conditionType}" does not exist.`];
    return c.status === 'True' ? [] : [`the status of pod readiness gate "${conditionType}" is not "True", but ${c.status}`];
  });
  if (gateMessages.length > 0) {
    return { type, status: 'False', reason: ConditionReason.ReadinessGatesNotReady, message: gateMessages.join(', ') };
  }
  return { type, status: 'True' };
}

/** Go's `fmt.Sprintf("%s", []string{"a", "b"})` prints `[a b]`. */
function joinMessages(parts: [string, string[]][]): string {
  return parts
    .filter(([, names]) => names.length > 0)
    .map(([text, names]) => `${text}: [${names.join(' ')}]`)
    .join(', ');
}

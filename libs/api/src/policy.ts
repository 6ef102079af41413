import type { ObjectMeta } from './types';
import type { LabelSelector } from './workloads';

type Namespaced = ObjectMeta & { namespace: string };

/** policy/v1 names (api: policy/v1/types.go). */
export const DISRUPTION_ALLOWED = 'DisruptionAllowed';
export const SUFFICIENT_PODS = 'SufficientPods';
export const INSUFFICIENT_PODS = 'InsufficientPods';
export const SYNC_FAILED = 'SyncFailed';
/** The StatusCause type of a refused eviction. */
export const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget';
export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'] as const;
export type UnhealthyPodEvictionPolicy = (typeof UNHEALTHY_POD_EVICTION_POLICIES)[number];

/** metav1.Condition (message is always serialised, empty or not). */
export interface MetaCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  /** Pod name → when the Eviction API let it go (RFC 3339). */
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: MetaCondition[];
}

export interface PodDisruptionBudget {
  apiVersion: 'policy/v1';
  kind: 'PodDisruptionBudget';
  metadata: Namespaced;
  spec: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: LabelSelector | null;
    unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
  };
  status: PodDisruptionBudgetStatus;
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, `"50%"` of `total` rounded up or down.
 * Undefined for a string that is not a percent.
 */
export function scaledValue(v: number | string, total: number, roundUp: boolean): number | undefined {
  if (typeof v === 'number') return v;
  const m = /^([0-9]+)%$/.exec(v);
  if (!m) return undefined;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** apimeta.SetStatusCondition: the transition time moves only when the status changes. */
export function setStatusCondition(conditions: readonly MetaCondition[] | undefined, c: Omit<MetaCondition, 'lastTransitionTime'>, now: string): MetaCondition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((x) => x.type === c.type);
  if (i < 0) return [...list, { ...c, lastTransitionTime: now }];
  const old = list[i];
  list[i] = { ...old, ...c, lastTransitionTime: old.status === c.status ? old.lastTransitionTime : now };
  return list;
}

/** pdbhelper.UpdateDisruptionAllowedCondition: `SufficientPods` while a disruption is allowed, else `InsufficientPods`. */
export function withDisruptionAllowedCondition(status: PodDisruptionBudgetStatus, now: string): PodDisruptionBudgetStatus {
  const allowed = status.disruptionsAllowed > 0;
  const condition = { type: DISRUPTION_ALLOWED, status: allowed ? 'True' : 'False', reason: allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS, message: '', observedGeneration: status.observedGeneration } as const;
  return { ...status, conditions: setStatusCondition(status.conditions, condition, now) };
}

/**
 * The budgets of a pod as the Eviction API finds them (getPodDisruptionBudgets): same namespace, and
 * a selector that matches its labels; a nil or empty selector matches nothing there.
 */
export const isEmptySelector = (s: LabelSelector | null | undefined) => !s || (!Object.keys(s.matchLabels ?? {}).length && !(s.matchExpressions ?? []).length);

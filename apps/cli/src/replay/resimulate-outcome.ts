import { EVICTION_API_CAUSE, type Pod } from '@kubesim/api';
import { keyOfEvent, Store } from '@kubesim/core';
import type { StoredRecord } from '@kubesim/eventlog';
import { podStatusString } from '@kubesim/printers';
import { controllerOf } from './user-actions';

/** A pod as the log left it. */
export interface PodOutcome {
  namespace: string;
  name: string;
  /** `ReplicaSet/web-5d8f9c7b6d` for a controller's pod. */
  owner?: string;
  created: string;
  node?: string;
  phase: string;
  /** kubectl's STATUS column. */
  status: string;
  restarts: number;
  /** The scheduler's message while the pod could not be placed (PodScheduled=False). */
  unschedulable?: string;
}

/** How a log ended: the pods left, and per group (a controller, or a pod of its own) the pods evicted or lost on the way. */
export interface Outcome {
  pods: PodOutcome[];
  /** Group (`default/ReplicaSet/web-5d8f9c7b6d`, `default/solo`) → pod names evicted (taint manager, PodGC, drain). */
  evicted: Record<string, string[]>;
  /** Group → pod names whose phase went Unknown (their node was lost). */
  unknown: Record<string, string[]>;
}

/** Pods that belong together: a controller's (interchangeable), or one pod of its own. */
export const groupOf = (p: { namespace: string; name: string; owner?: string }) => `${p.namespace}/${p.owner ?? p.name}`;

const disrupted = (p: Pod) => p.status.conditions?.some((c) => c.type === 'DisruptionTarget' && c.status === 'True') ?? false;

/** Folds a log into its outcome (with the same evolve as the apiserver). Pure. */
export function outcomeOf(records: Iterable<Pick<StoredRecord, 'seq' | 'record'>>): Outcome {
  const store = new Store();
  const evicted: Record<string, string[]> = {};
  const unknown: Record<string, string[]> = {};
  const note = (into: Record<string, string[]>, pod: Pod) => {
    const g = groupOf({ namespace: pod.metadata.namespace, name: pod.metadata.name, owner: controllerOf(pod) });
    const list = (into[g] ??= []);
    if (!list.includes(pod.metadata.name)) list.push(pod.metadata.name);
  };
  for (const r of records) {
    for (const e of r.record.events) {
      const key = keyOfEvent(e);
      const before = key.kind === 'Pod' ? (store.get(key) as Pod | undefined) : undefined;
      store.apply(r.seq, { v: r.record.v, events: [e] });
      if (!before) continue;
      if (e.type === 'PodPhaseChanged' && e.to === 'Unknown') note(unknown, before);
      const evicting = (e.type === 'PodDeletionRequested' || e.type === 'PodDeleted') && !before.metadata.deletionTimestamp;
      if (evicting && (disrupted(before) || (e.cause ?? '').startsWith('kubesim drain ') || e.cause === EVICTION_API_CAUSE)) note(evicted, before);
    }
  }
  const pods = ([...store.list('Pod')] as Pod[]).map(podOutcome);
  return { pods, evicted, unknown };
}

function podOutcome(p: Pod): PodOutcome {
  const scheduled = p.status.conditions?.find((c) => c.type === 'PodScheduled');
  const owner = controllerOf(p);
  return {
    namespace: p.metadata.namespace,
    name: p.metadata.name,
    ...(owner ? { owner } : {}),
    created: p.metadata.creationTimestamp ?? '',
    ...(p.spec.nodeName ? { node: p.spec.nodeName } : {}),
    phase: p.status.phase ?? '',
    status: podStatusString(p),
    restarts: (p.status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
    ...(!p.spec.nodeName && scheduled?.status === 'False' && scheduled.message ? { unschedulable: scheduled.message } : {}),
  };
}

import type { Pod } from '@kubesim/api';
import { KubeError, type KubeClient } from './kube-client';

export interface EvictOptions {
  /** Give up at this time (ms since the epoch): kubectl drain's `--timeout`. */
  deadline: number;
  /** How the deadline is said in the error (`30s`). */
  timeoutText: string;
  /** kubectl's wait before retrying a refused eviction: 5 s. */
  retryMs?: number;
  /** Told each attempt (`evicting pod ns/name`). */
  attempt?: (line: string) => void;
  /** Told each refusal that will be retried (kubectl prints it to stderr). */
  refused?: (line: string) => void;
  /** Stop retrying (the drain was cancelled: its node uncordoned). */
  cancelled?: () => boolean;
  /** One attempt only: a refusal is returned as `refused`, not retried. */
  once?: boolean;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Evicted (or already gone); refused by a PodDisruptionBudget (with `once`); or failed, with kubectl's error. */
export type EvictResult = { kind: 'evicted' } | { kind: 'refused'; line: string } | { kind: 'failed'; error: string };

/**
 * One pod as kubectl drain's evictPods goroutine evicts it: POST its eviction until the API lets it
 * go, retrying a 429 (a PodDisruptionBudget) every 5 s and saying so; a 404 means it is already
 * gone.
 */
export async function evictUntilAllowed(client: KubeClient, p: Pod, o: EvictOptions): Promise<EvictResult> {
  const { namespace, name } = p.metadata as { namespace: string; name: string };
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/eviction`;
  for (;;) {
    const failed = (why: string): EvictResult => ({ kind: 'failed', error: `error when evicting pods/"${name}" -n "${namespace}": ${why}` });
    if (Date.now() > o.deadline) return failed(`global timeout reached: ${o.timeoutText}`);
    if (o.cancelled?.()) return failed('the drain was cancelled');
    o.attempt?.(`evicting pod ${namespace}/${name}`);
    try {
      await client.post(path, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace }, deleteOptions: { preconditions: { uid: p.metadata.uid } } });
      return { kind: 'evicted' };
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      if (e.status.code === 404) return { kind: 'evicted' };
      if (e.status.code !== 429) return failed(e.status.message);
      const line = `error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${e.status.message}`;
      o.refused?.(line);
      if (o.once) return { kind: 'refused', line };
      await (o.sleep ?? wait)(Math.min(o.retryMs ?? 5000, Math.max(0, o.deadline - Date.now()) + 1));
    }
  }
}

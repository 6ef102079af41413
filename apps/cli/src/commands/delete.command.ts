import { KubeError, type KubeClient } from '@kubesim/kube-rest';
import { serverResource, itemPath } from '@kubesim/kube-rest';

export interface DeleteOptions {
  namespace: string;
  gracePeriod?: number;
  force?: boolean;
  wait: boolean;
  /** Poll interval while waiting for the object to go. */
  pollMs?: number;
}

/** `kubesim delete pod NAME`: graceful by default; waits until the object is gone, like kubectl. */
export async function deleteCommand(client: KubeClient, resource: string, names: string[], o: DeleteOptions): Promise<{ out: string; errors: string[] }> {
  const r = await serverResource(client, resource);
  if (r.kind !== 'Pod') throw new Error(`kubesim delete supports pods only for now (got "${resource}")`);
  const lines: string[] = [];
  const errors: string[] = [];
  let warned = false;
  for (const name of names) {
    const grace = o.force ? 0 : o.gracePeriod;
    if (o.force && !warned) {
      warned = true;
      lines.push('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
    }
    try {
      const path = itemPath(r, o.namespace, name);
      await client.delete(path, { kind: 'DeleteOptions', apiVersion: 'v1', ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}) });
      if (o.wait) await waitGone(client, path, o.pollMs ?? 250);
      lines.push(o.force ? `pod "${name}" force deleted` : `pod "${name}" deleted`);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { out: lines.map((l) => l + '\n').join(''), errors };
}

async function waitGone(client: KubeClient, path: string, pollMs: number): Promise<void> {
  for (;;) {
    try {
      await client.get(path);
    } catch (e) {
      if (e instanceof KubeError && e.status.code === 404) return;
      throw e;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

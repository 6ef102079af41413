import type { Deployment } from '@kubesim/api';
import type { KubeClient } from '@kubesim/kube-rest';
import { cliResource, itemPath } from '@kubesim/kube-rest';
import { rolloutStatus } from './rollout-status';

/** `kubesim rollout status deploy/NAME`: prints each new state until the rollout is done. */
export async function rolloutStatusCommand(client: KubeClient, target: string, namespace: string, write: (s: string) => void, timeoutMs = 0, pollMs = 250): Promise<string> {
  const [kind, name] = target.split('/');
  if (!name) throw new Error('error: rollout status needs TYPE/NAME, e.g. deployment/web');
  const r = cliResource(kind);
  if (r.kind !== 'Deployment') throw new Error(`error: kubesim rollout status supports deployments (got ${kind})`);
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
  let last = '';
  for (;;) {
    const d = await client.get<Deployment>(itemPath(r, namespace, name));
    const s = rolloutStatus(d);
    if (s.message !== last) {
      last = s.message;
      if (!s.done) write(s.message + '\n');
    }
    if (s.done) return s.message + '\n';
    if (Date.now() > deadline) throw new Error('error: timed out waiting for the condition');
    await new Promise((res) => setTimeout(res, pollMs));
  }
}

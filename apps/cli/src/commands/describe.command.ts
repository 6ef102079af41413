import type { KubeEvent, Pod } from '@kubesim/api';
import type { KubeClient } from '@kubesim/kube-rest';
import { describePod } from './describe/describe-pod';

/** `kubesim describe pod NAME`: the pod and its events (those whose involvedObject is this pod). */
export async function describeCommand(client: KubeClient, resource: string, name: string, o: { namespace: string }, now = Date.now()): Promise<string> {
  if (!['pod', 'pods', 'po'].includes(resource)) throw new Error(`error: kubesim describe supports pods only (got "${resource}")`);
  const ns = encodeURIComponent(o.namespace);
  const pod = await client.get<Pod>(`/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}`);
  const list = await client.get<{ items: KubeEvent[] }>(`/api/v1/namespaces/${ns}/events`);
  const events = list.items.filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name === name && (!e.involvedObject.uid || e.involvedObject.uid === pod.metadata.uid));
  return describePod(pod, events, now);
}

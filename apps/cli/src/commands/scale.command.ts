import type { KubeClient } from '@kubesim/kube-rest';
import { serverResource, itemPath, objectName } from '@kubesim/kube-rest';

/** `kubesim scale deploy/NAME --replicas N` (or `deployment NAME`), through the scale subresource. */
export async function scaleCommand(client: KubeClient, target: string, name: string | undefined, replicas: number, namespace: string): Promise<string> {
  const [kind, n] = target.includes('/') ? target.split('/') : [target, name];
  if (!n) throw new Error('error: a resource name is required, e.g. kubesim scale deployment/web --replicas 3');
  const r = await serverResource(client, kind);
  if (r.kind !== 'Deployment' && r.kind !== 'ReplicaSet') throw new Error(`error: ${r.plural} cannot be scaled (deployments and replicasets can)`);
  await client.request('PATCH', `${itemPath(r, namespace, n)}/scale`, { spec: { replicas } }, 'application/merge-patch+json');
  return `${objectName(r, n)} scaled\n`;
}

import { randomUUID } from 'node:crypto';
import { rfc3339, type Service } from '@kubesim/api';
import type { CommandBus } from '../commands/command-bus';
import { namespaceObject } from '../http/namespace-writes';
import type { Projection } from '@kubesim/eventlog';
import { ensureDefaultStorageClass } from './default-storage-class';

/** Namespaces (and the `kubernetes` Service) every cluster has. Created once; a restart finds them in the log. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function ensureSystemNamespaces(bus: CommandBus, cluster: Projection): Promise<void> {
  await ensureDefaultStorageClass(bus, cluster);
  for (const name of SYSTEM_NAMESPACES) {
    if (cluster.store.get({ kind: 'Namespace', namespace: '', name })) continue;
    try {
      await bus.execute({ type: 'CreateNamespace', namespace: namespaceObject(name, Date.now(), randomUUID()) }, { by: 'apiserver' });
    } catch (e) {
      // Another apiserver created it meanwhile.
      if ((e as { reason?: string }).reason !== 'AlreadyExists') throw e;
    }
  }
  if (!cluster.store.get({ kind: 'Service', namespace: 'default', name: 'kubernetes' })) {
    try {
      await bus.execute({ type: 'CreateObject', object: kubernetesService(Date.now(), randomUUID()) }, { by: 'apiserver' });
    } catch (e) {
      if ((e as { reason?: string }).reason !== 'AlreadyExists') throw e;
    }
  }
}

/** The `kubernetes` Service every cluster has: the apiserver at the first address of the service CIDR. */
export function kubernetesService(now: number, uid: string): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', uid, resourceVersion: '', creationTimestamp: rfc3339(now), labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }],
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
}

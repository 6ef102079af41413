import type { Service } from '@kubesim/api';
import { AGE_DESCRIPTION, type Columns, column, NAME_DESCRIPTION, NONE } from './columns';
import { humanDurationSince } from './human-duration';
import { formatLabels } from './selector-format';

/** `kubectl get services`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE. */
export const serviceColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Type', 'type determines how the Service is exposed.'),
  column('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
  column('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
  column('Port(s)', 'The list of ports that are exposed by this service.'),
  column('Age', AGE_DESCRIPTION),
  column('Selector', 'Route service traffic to pods with label keys and values matching this selector.', { priority: 1 }),
];

export function servicePorts(s: Service): string {
  if (!s.spec.ports?.length) return NONE;
  return s.spec.ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
}

/** kubectl's EXTERNAL-IP: the load balancer's ingress (or `<pending>`) and external IPs; an ExternalName's name. */
export function serviceExternalIP(s: Service): string {
  const externalIPs = (s.spec.externalIPs as string[] | undefined) ?? [];
  switch (s.spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : NONE;
    case 'LoadBalancer': {
      const ingress = ((s.status.loadBalancer.ingress as { ip?: string; hostname?: string }[] | undefined) ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean);
      const all = [...ingress, ...externalIPs];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return (s.spec.externalName as string | undefined) ?? '';
    default: {
      const _exhaustive: never = s.spec.type;
      return '<unknown>';
    }
  }
}

export function serviceRow(s: Service, now: number): string[] {
  return [s.metadata.name, s.spec.type, s.spec.clusterIP || NONE, serviceExternalIP(s), servicePorts(s), humanDurationSince(s.metadata.creationTimestamp, now), formatLabels(s.spec.selector)];
}

import type { Pod, Service } from '@kubesim/api';
import type { ClusterNetwork } from '@kubesim/runtime';
import type { ClusterObjects } from './cluster-network';

/** What pod DNS reads: the Services (headless ones) and the pods they select. */
type PodDnsObjects = Pick<ClusterObjects, 'services' | 'pods'>;

const CLUSTER_DOMAIN = 'cluster.local';

/** `<hostname>.<subdomain>.<namespace>.svc.cluster.local`: a pod's DNS name behind its headless Service. */
export const podFqdn = (hostname: string, subdomain: string, namespace: string) => `${hostname}.${subdomain}.${namespace}.svc.${CLUSTER_DOMAIN}`;

/** The pod's own line of its /etc/hosts (kubelet's managedHostsFileContent): with a subdomain, its FQDN first. */
export function hostsLine(pod: Pod, ip: string, hostname: string): string {
  const subdomain = pod.spec.subdomain as string | undefined;
  return subdomain ? `${ip}\t${podFqdn(hostname, subdomain, pod.metadata.namespace ?? 'default')}\t${hostname}` : `${ip}\t${hostname}`;
}

/**
 * A pod name as a container's resolver completes it (search path `<ns>.svc.cluster.local
 * svc.cluster.local cluster.local`): `web-0.nginx`, `web-0.nginx.default`, `….svc`,
 * `….svc.cluster.local`.
 */
export function parsePodName(name: string, namespace: string): { hostname: string; subdomain: string; namespace: string } | undefined {
  const parts = name.toLowerCase().replace(/\.$/, '').replace(/\.svc\.cluster\.local$|\.svc$/, '').split('.');
  if (parts.length === 2) return { hostname: parts[0], subdomain: parts[1], namespace };
  if (parts.length === 3) return { hostname: parts[0], subdomain: parts[1], namespace: parts[2] };
  return undefined;
}

const selects = (s: Service, p: Pod) => {
  const selector = s.spec.selector;
  return Boolean(selector && Object.keys(selector).length && Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v));
};
const ready = (p: Pod) => p.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';

/** What the cluster's DNS says of a pod name: its record, none (NXDOMAIN: the name is the cluster's), or not a pod name at all. */
export type PodLookup = { type: 'record'; ip: string; fqdn: string } | { type: 'nxdomain' } | { type: 'other' };

/**
 * The A record of a pod with `hostname` and `subdomain` (a StatefulSet's `web-0` in `nginx`), as
 * CoreDNS serves it from the endpoints of the headless Service named like the subdomain: the
 * Service has clusterIP None and selects the pod, and the pod is ready (or the Service publishes
 * not-ready addresses); a terminating pod has none. Under an existing headless Service the cluster
 * is authoritative: a name without a pod does not resolve (it is not sent to the internet).
 */
export function lookupPod(objects: PodDnsObjects, name: string, namespace: string): PodLookup {
  const n = parsePodName(name, namespace);
  if (!n) return { type: 'other' };
  let service: Service | undefined;
  for (const s of objects.services()) if (s.metadata.name === n.subdomain && s.metadata.namespace === n.namespace && s.spec.clusterIP === 'None') service = s;
  if (!service) return { type: 'other' };
  for (const p of objects.pods()) {
    if (p.metadata.namespace !== n.namespace || p.spec.hostname !== n.hostname || p.spec.subdomain !== n.subdomain) continue;
    if (!p.status.podIP || p.metadata.deletionTimestamp || !selects(service, p)) continue;
    if (ready(p) || service.spec.publishNotReadyAddresses === true) return { type: 'record', ip: p.status.podIP, fqdn: podFqdn(n.hostname, n.subdomain, n.namespace) };
  }
  return { type: 'nxdomain' };
}

/** The pod's record, if it has one. */
export function podRecord(objects: PodDnsObjects, name: string, namespace: string): { ip: string; fqdn: string } | undefined {
  const r = lookupPod(objects, name, namespace);
  return r.type === 'record' ? { ip: r.ip, fqdn: r.fqdn } : undefined;
}

/** The cluster network with pods' own DNS names answered first. */
export function withPodDns(network: ClusterNetwork, objects: PodDnsObjects): ClusterNetwork {
  const answer = <T>(name: string, namespace: string, record: (r: { ip: string; fqdn: string }) => T, otherwise: () => T | undefined): T | undefined => {
    const r = lookupPod(objects, name, namespace);
    switch (r.type) {
      case 'record':
        return record(r);
      case 'nxdomain':
        return undefined;
      case 'other':
        return otherwise();
    }
  };
  return {
    resolve: (name, namespace) => answer(name, namespace, (r) => r.ip, () => network.resolve(name, namespace)),
    reach: (ip, port) => network.reach(ip, port),
    canonicalName: (name, namespace) => answer(name, namespace, (r) => r.fqdn, () => network.canonicalName?.(name, namespace)),
  };
}

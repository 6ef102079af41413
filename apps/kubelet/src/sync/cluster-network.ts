import type { Pod, Service } from '@kubesim/api';
import { CLUSTER_DNS_IP, findImage, parseImageRef, repositoryName, type ClusterNetwork, type Listener } from '@kubesim/runtime';
import { RoundRobin, serviceBackends, type ProxiedSlice } from './service-proxy';

/** What the cluster network reads: the Services, Pods and EndpointSlices of the kubelet's projection. */
export interface ClusterObjects {
  services(): Iterable<Service>;
  pods(): Iterable<Pod>;
  endpointSlices(): Iterable<ProxiedSlice>;
}

/** What listens at a pod IP on this node (the pod runtimes the kubelet holds). */
export type LocalListener = (ip: string, port: number) => Listener | undefined;

const DOMAIN = 'svc.cluster.local';

/**
 * Cluster DNS and kube-proxy, as a container on this node sees them: `svc`, `svc.ns`,
 * `svc.ns.svc(.cluster.local)` resolve to the Service's cluster IP; a cluster IP and port reach
 * a ready endpoint of its EndpointSlices, round robin (service-proxy.ts), or are refused. Pods
 * on other nodes answer for the ports they declare (or their image listens on), and as a Service's
 * ready endpoint: their programs run in another process.
 */
export function clusterNetwork(objects: ClusterObjects, local: LocalListener, nodeName?: string): ClusterNetwork {
  const findService = (name: string, namespace: string) => {
    const parts = name.replace(/\.$/, '').replace(new RegExp(`\\.${DOMAIN.replace(/\./g, '\\.')}$|\\.svc$`), '').split('.');
    if (parts.length > 2) return undefined;
    const [svc, ns = namespace] = parts;
    for (const s of objects.services()) if (s.metadata.name === svc && s.metadata.namespace === ns) return s;
    return undefined;
  };
  const endpoints = (s: Service) => {
    const out: Pod[] = [];
    const selector = s.spec.selector;
    if (!selector || Object.keys(selector).length === 0) return out;
    for (const p of objects.pods()) {
      if (p.metadata.namespace !== s.metadata.namespace || !p.status.podIP || p.metadata.deletionTimestamp) continue;
      if (!Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v)) continue;
      if (p.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True') out.push(p);
    }
    return out;
  };
  /** `endpoint`: a Service's ready endpoint, which a pod on another node is taken to answer (its program runs there). */
  const podAt = (ip: string, port: number, endpoint = false): Listener | undefined => {
    const here = local(ip, port);
    if (here) return here;
    for (const p of objects.pods()) {
      if (p.status.podIP !== ip || p.status.phase !== 'Running') continue;
      return declaresPort(p, port) || (endpoint && nodeName !== undefined && p.spec.nodeName !== nodeName) ? remoteListener(p, port) : undefined;
    }
    return undefined;
  };
  const rotation = new RoundRobin();
  return {
    resolve(name, namespace) {
      if (name === `kube-dns.kube-system.${DOMAIN}` || name === 'kube-dns.kube-system') return CLUSTER_DNS_IP;
      const s = findService(name, namespace);
      if (!s) return undefined;
      if (s.spec.clusterIP && s.spec.clusterIP !== 'None') return s.spec.clusterIP;
      return endpoints(s)[0]?.status.podIP;
    },
    reach(ip, port) {
      for (const s of objects.services()) {
        if (s.spec.clusterIP !== ip) continue;
        const sp = s.spec.ports.find((p) => p.port === port);
        if (!sp) return undefined;
        for (const b of rotation.order(`${ip}:${port}`, serviceBackends(s, sp, objects.endpointSlices()))) {
          const l = podAt(b.ip, b.port, true);
          if (l) return l;
        }
        return undefined;
      }
      return podAt(ip, port);
    },
  };
}

function declaresPort(pod: Pod, port: number): boolean {
  return pod.spec.containers.some((c) => {
    if ((c.ports ?? []).some((p) => p.containerPort === port)) return true;
    const parsed = parseImageRef(c.image);
    return parsed.ok && (findImage(repositoryName(parsed.ref))?.ports ?? []).includes(port);
  });
}

function remoteListener(pod: Pod, port: number): Listener {
  return { port, program: pod.metadata.name, http: () => ({ status: 200, body: `${pod.metadata.name}\n` }), alive: () => true };
}

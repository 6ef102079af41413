import type { Service, ServicePort } from '@kubesim/api';

/** The fields of an EndpointSlice kube-proxy reads. */
export interface ProxiedSlice {
  metadata: { namespace?: string; labels?: Record<string, string> };
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null } }[] | null;
  ports?: { name?: string | null; port?: number | null; protocol?: string | null }[] | null;
}

/** Where a connection to a Service port may go: a pod IP and its resolved target port. */
export interface Backend {
  ip: string;
  port: number;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/**
 * kube-proxy's endpoints for one Service port (pkg/proxy: endpointslicecache + CategorizeEndpoints,
 * traffic policy Cluster): from the slices labelled with the Service's name, the endpoints that are
 * ready (nil counts as ready) on the slice port of the same name and protocol; when none is, the
 * serving terminating ones (so a rolling pod drains instead of refusing). None: the connection is
 * refused, as kube-proxy's REJECT rule does.
 */
export function serviceBackends(service: Service, sp: ServicePort, slices: Iterable<ProxiedSlice>): Backend[] {
  const ready: Backend[] = [];
  const servingTerminating: Backend[] = [];
  const seen = new Set<string>();
  for (const slice of slices) {
    if (slice.metadata.namespace !== service.metadata.namespace || slice.metadata.labels?.[SERVICE_NAME_LABEL] !== service.metadata.name) continue;
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? '') && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
    if (typeof port?.port !== 'number') continue;
    for (const e of slice.endpoints ?? []) {
      const ip = e.addresses[0];
      if (!ip || seen.has(ip)) continue;
      seen.add(ip);
      const c = e.conditions ?? {};
      if (c.ready ?? true) ready.push({ ip, port: port.port });
      else if ((c.serving ?? c.ready ?? true) && c.terminating) servingTerminating.push({ ip, port: port.port });
    }
  }
  return ready.length ? ready : servingTerminating;
}

/**
 * Round robin over a Service port's backends, per cluster IP and port: each connection starts at
 * the next backend (kube-proxy's iptables rules pick one at random; rotating makes a run
 * repeatable and spreads a handful of requests over every pod).
 */
export class RoundRobin {
  private readonly next = new Map<string, number>();

  order<T>(key: string, items: readonly T[]): T[] {
    if (items.length === 0) return [];
    const start = (this.next.get(key) ?? 0) % items.length;
    this.next.set(key, start + 1);
    return [...items.slice(start), ...items.slice(0, start)];
  }
}

import type { Service, ServicePort, StatusCause } from '@kubesim/api';
import { invalid, type ResourceRef } from './errors';
import type { ClusterView } from './view';

/** kube-apiserver's default `--service-node-port-range`. */
export const NODE_PORT_RANGE = { first: 30000, last: 32767 } as const;

const needsNodePorts = (s: Service) => s.spec.type === 'NodePort' || (s.spec.type === 'LoadBalancer' && s.spec.allocateLoadBalancerNodePorts !== false);
const sameProtocol = (a: ServicePort, b: ServicePort) => (a.protocol ?? 'TCP') === (b.protocol ?? 'TCP');

/**
 * The Service with its node ports, as kube-apiserver's allocator gives them: a NodePort or
 * LoadBalancer service gets one per port — the one asked for (in range, not another service's),
 * the one the same port had before an update, or else the lowest free one. ClusterIP and
 * ExternalName services may not ask for one. Deterministic, like cluster IPs, so replays agree.
 */
export function allocateNodePorts(service: Service, view: ClusterView, ref: ResourceRef, old?: Service): Service {
  const ports = service.spec.ports ?? [];
  const causes: StatusCause[] = [];
  const field = (i: number) => `spec.ports[${i}].nodePort`;
  if (service.spec.type === 'ClusterIP' || service.spec.type === 'ExternalName') {
    ports.forEach((p, i) => p.nodePort && causes.push({ reason: 'FieldValueForbidden', message: `Forbidden: may not be used when \`type\` is '${service.spec.type}'`, field: field(i) }));
    if (causes.length) throw invalid(ref, causes);
    return service;
  }
  if (!needsNodePorts(service)) return service;

  const used = new Set<number>();
  for (const s of view.list('Service') as Iterable<Service>) {
    if (s.metadata.namespace === service.metadata.namespace && s.metadata.name === service.metadata.name) continue;
    for (const p of s.spec.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  }
  const kept = ports.map((p) => p.nodePort ?? old?.spec.ports?.find((o) => o.port === p.port && sameProtocol(o, p))?.nodePort);
  kept.forEach((n, i) => {
    if (n === undefined) return;
    if (n < NODE_PORT_RANGE.first || n > NODE_PORT_RANGE.last) {
      const range = `${NODE_PORT_RANGE.first}-${NODE_PORT_RANGE.last}`;
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${n}: provided port is not in the valid range. The range of valid ports is ${range}`, field: field(i) });
    } else if (used.has(n)) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${n}: provided port is already allocated`, field: field(i) });
    else used.add(n);
  });
  if (causes.length) throw invalid(ref, causes);
  let next = NODE_PORT_RANGE.first;
  const free = (i: number) => {
    while (used.has(next)) next++;
    // kube-apiserver answers a 500 InternalError here (its own TODO says it is not one): a 422 on the
    // port that found no free node port, so a request cannot reach an internal error.
    if (next > NODE_PORT_RANGE.last) throw invalid(ref, [{ reason: 'FieldValueInvalid', message: 'Invalid value: 0: failed to allocate a nodePort: range is full', field: field(i) }]);
    used.add(next);
    return next;
  };
  return { ...service, spec: { ...service.spec, ports: ports.map((p, i) => ({ ...p, nodePort: kept[i] ?? free(i) })) } };
}

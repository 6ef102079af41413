import type { Service } from '@kubesim/api';
import { MANAGED_BY_LABEL, portMapKey, SERVICE_NAME_LABEL, type EndpointAddress, type EndpointSlice, type Endpoints, type EndpointSubset, type SliceAction, type SliceEndpoint, type SlicePort } from '../shared/endpoint-objects';

export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
/** `--mirroring-max-endpoints-per-subset`'s default: addresses past it are not mirrored. */
export const MAX_MIRRORED_PER_SUBSET = 1000;
const DROPPED_ANNOTATIONS = ['endpoints.kubernetes.io/last-change-trigger-time', 'kubectl.kubernetes.io/last-applied-configuration'];

export interface MirroringInput {
  /** The Endpoints of that namespace/name, if any. */
  endpoints: Endpoints | undefined;
  /** The Service of the same name, if any. */
  service: Service | undefined;
  /** The slices labelled with that name and this controller as their manager. */
  slices: readonly EndpointSlice[];
}

/**
 * The endpointslicemirroring controller for one Endpoints: hand-written Endpoints of a Service
 * without a selector become EndpointSlices (so kube-proxy, which reads only slices, routes to
 * them): one slice per port set, `ready` from `addresses` / `notReadyAddresses`, owned by the
 * Endpoints. No such Service, a selector, or the `skip-mirror` label: the mirrored slices go.
 */
export function reconcileMirroredSlices({ endpoints, service, slices }: MirroringInput): SliceAction[] {
  const mirror = endpoints && service && !service.spec.selector && endpoints.metadata.labels?.[SKIP_MIRROR_LABEL] !== 'true';
  if (!mirror) return slices.map((slice) => ({ type: 'delete', slice }));
  const desired = desiredSlices(endpoints);
  const existing = new Map<string, EndpointSlice[]>();
  const owned = slices.filter((s) => (s.metadata.ownerReferences ?? []).some((r) => r.uid === endpoints.metadata.uid));
  for (const s of owned) existing.set(portMapKey(s.ports), [...(existing.get(portMapKey(s.ports)) ?? []), s]);
  const actions: SliceAction[] = slices.filter((s) => !owned.includes(s)).map((slice) => ({ type: 'delete', slice }));
  for (const want of desired) {
    const [current, ...extra] = existing.get(portMapKey(want.ports)) ?? [];
    existing.delete(portMapKey(want.ports));
    actions.push(...extra.map((slice) => ({ type: 'delete' as const, slice })));
    if (!current) actions.push({ type: 'create', slice: want });
    else if (!sameJson([current.endpoints, current.metadata.labels ?? {}, current.metadata.annotations ?? {}], [want.endpoints, want.metadata.labels, want.metadata.annotations ?? {}]))
      actions.push({ type: 'update', slice: { ...current, metadata: { ...current.metadata, labels: want.metadata.labels, annotations: want.metadata.annotations }, endpoints: want.endpoints } });
  }
  for (const stale of existing.values()) actions.push(...stale.map((slice) => ({ type: 'delete' as const, slice })));
  return actions;
}

function desiredSlices(endpoints: Endpoints): EndpointSlice[] {
  const byPorts = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
  for (const subset of endpoints.subsets ?? []) {
    const ports = (subset.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
    const key = portMapKey(ports);
    const entry = byPorts.get(key) ?? { ports, endpoints: [] };
    for (const e of subsetEndpoints(subset)) if (!entry.endpoints.some((x) => x.addresses[0] === e.addresses[0])) entry.endpoints.push(e);
    byPorts.set(key, entry);
  }
  const { name, namespace, uid } = endpoints.metadata;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(endpoints.metadata.labels ?? {})) if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL) labels[k] = v;
  labels[SERVICE_NAME_LABEL] = name;
  labels[MANAGED_BY_LABEL] = MIRRORING_CONTROLLER_NAME;
  const annotations = Object.fromEntries(Object.entries(endpoints.metadata.annotations ?? {}).filter(([k]) => !DROPPED_ANNOTATIONS.includes(k)));
  return [...byPorts.values()].map(({ ports, endpoints: eps }) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${name}-`,
      namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name, uid, controller: true, blockOwnerDeletion: true }],
    } as EndpointSlice['metadata'],
    addressType: 'IPv4',
    endpoints: eps,
    ports: ports.length ? ports : null,
  }));
}

/** addressToEndpoint: `ready` is the only condition; at most 1000 addresses, ready ones first. */
function subsetEndpoints(subset: EndpointSubset): SliceEndpoint[] {
  const one = (a: EndpointAddress, ready: boolean) =>
    ({
      addresses: [a.ip],
      conditions: { ready },
      ...(a.hostname ? { hostname: a.hostname } : {}),
      ...(a.targetRef ? { targetRef: a.targetRef } : {}),
      ...(a.nodeName ? { nodeName: a.nodeName } : {}),
    }) as unknown as SliceEndpoint;
  const ipv4 = (a: EndpointAddress) => !a.ip.includes(':');
  return [...(subset.addresses ?? []).filter(ipv4).map((a) => one(a, true)), ...(subset.notReadyAddresses ?? []).filter(ipv4).map((a) => one(a, false))].slice(0, MAX_MIRRORED_PER_SUBSET);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

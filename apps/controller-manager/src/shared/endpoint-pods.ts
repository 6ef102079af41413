import type { Container, Pod, Service, ServicePort } from '@kubesim/api';
import { isReady } from './pod-state';

/**
 * What the endpoints and endpointslice controllers share (endpointslice/util and podutil upstream):
 * which Services they manage, which pods a Service's endpoints list, and the port a pod serves.
 */

/** Both controllers leave selector-less Services (their endpoints are written by hand) and ExternalName ones alone. */
export const managesService = (s: Service): boolean => s.spec.selector !== undefined && s.spec.selector !== null && s.spec.type !== 'ExternalName';

/** The pods of a managed Service: its namespace, every selector label equal. */
export function selectedPods(s: Service, pods: Iterable<Pod>): Pod[] {
  const selector = Object.entries(s.spec.selector ?? {});
  const out: Pod[] = [];
  for (const p of pods) if (p.metadata.namespace === s.metadata.namespace && selector.every(([k, v]) => p.metadata.labels?.[k] === v)) out.push(p);
  return out;
}

/** ShouldPodBeInEndpoints: not Succeeded/Failed, has an IP, and not being deleted unless `includeTerminating`. */
export function shouldPodBeInEndpoints(p: Pod, includeTerminating: boolean): boolean {
  if (p.status.phase === 'Succeeded' || p.status.phase === 'Failed') return false;
  if (!p.status.podIP && !p.status.podIPs?.length) return false;
  return includeTerminating || !p.metadata.deletionTimestamp;
}

export const isPodReady = isReady;

/** The pod's IPv4 address (kubesim's pod network is IPv4 only). */
export const podIPv4 = (p: Pod): string | undefined => [p.status.podIP, ...(p.status.podIPs ?? []).map((i) => i.ip)].find((ip): ip is string => Boolean(ip) && !ip!.includes(':'));

/**
 * podutil.FindPort: a numeric targetPort as is (absent: the Service port); a named one among the
 * ports of the pod's containers and sidecars with the Service port's protocol; none: undefined
 * (the pod is left out for that port, silently).
 */
export function findPort(p: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  const sidecars = (p.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...p.spec.containers, ...sidecars] as Container[]) for (const port of c.ports ?? []) if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
  return undefined;
}

/** ShouldSetHostname: the pod names a hostname and this Service as its subdomain. */
export function hostnameFor(p: Pod, s: Service): string | undefined {
  const hostname = p.spec.hostname as string | undefined;
  return hostname && p.spec.subdomain === s.metadata.name && p.metadata.namespace === s.metadata.namespace ? hostname : undefined;
}

/** The Service has no cluster IP (`None`): headless. */
export const isHeadless = (s: Service): boolean => !s.spec.clusterIP || s.spec.clusterIP === 'None';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

/**
 * `endpoints.kubernetes.io/last-change-trigger-time`: upstream's tracker remembers when the pod or
 * Service change that triggered the sync happened; here, the latest such change the objects show
 * (the Service's creation, a pod's creation or condition transition).
 */
export function lastChangeTime(service: Service, pods: readonly Pod[]): string | undefined {
  let latest = service.metadata.creationTimestamp;
  for (const p of pods) {
    for (const t of [p.metadata.creationTimestamp, ...(p.status.conditions ?? []).map((c) => c.lastTransitionTime)]) if (t && (!latest || Date.parse(t) > Date.parse(latest))) latest = t;
  }
  return latest || undefined;
}

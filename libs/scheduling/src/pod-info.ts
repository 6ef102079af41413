import { ContainerPort, Pod } from '@kubesim/api';
import { podRequests, Resources } from './resources';

const ANY_IP = '0.0.0.0';

/** A host port a pod takes on its node. */
export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/**
 * The host ports a pod uses (upstream `GetHostPorts`): those of its app containers and of its
 * sidecars (init containers with `restartPolicy: Always`, which run as long as the pod); regular
 * init containers have finished before the app containers start.
 */
export function podHostPorts(pod: Pod): HostPort[] {
  const containers = [...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...pod.spec.containers];
  return containers.flatMap((c) =>
    (c.ports ?? [])
      .filter((p: ContainerPort) => (p.hostPort ?? 0) > 0)
      .map((p: ContainerPort) => ({ ip: p.hostIP || ANY_IP, protocol: p.protocol || 'TCP', port: p.hostPort! })),
  );
}

/** Upstream `HostPortInfo.CheckConflict`: same port and protocol, and the same IP or either one 0.0.0.0. */
export function hostPortsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === ANY_IP || b.ip === ANY_IP);
}

/**
 * What the scheduler derives from a pod once (upstream `framework.PodInfo`): its requests, its host
 * ports and whether it has inter-pod (anti-)affinity terms, so that no filter or score call per
 * node parses quantities again.
 */
export interface PodInfo {
  readonly pod: Pod;
  /** Real requests (filters, balanced allocation). */
  readonly requests: Resources;
  /** Requests with the 100m / 200Mi per-container defaults (least allocated). */
  readonly nonZeroRequests: Resources;
  readonly hostPorts: readonly HostPort[];
  /** Any podAffinity or podAntiAffinity (upstream `podWithAffinity`). */
  readonly hasAffinity: boolean;
  /** Required anti-affinity terms (upstream `podWithRequiredAntiAffinity`). */
  readonly hasRequiredAntiAffinity: boolean;
}

const cache = new WeakMap<Pod, PodInfo>();

/**
 * The pod's PodInfo, computed once per pod object. Pods are values: an update is a new object (as
 * the projection stores them), so a cached entry never goes stale.
 */
export function podInfo(pod: Pod): PodInfo {
  let info = cache.get(pod);
  if (!info) {
    const affinity = pod.spec.affinity;
    info = {
      pod,
      requests: podRequests(pod),
      nonZeroRequests: podRequests(pod, { nonZero: true }),
      hostPorts: podHostPorts(pod),
      hasAffinity: Boolean(affinity?.podAffinity || affinity?.podAntiAffinity),
      hasRequiredAntiAffinity: (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0,
    };
    cache.set(pod, info);
  }
  return info;
}

import type { Node, Pod, Service } from '@kubesim/api';
import { portMapKey, type SliceEndpoint, type SlicePort } from '../shared/endpoint-objects';
import { findPort, hostnameFor, isPodReady, podIPv4, shouldPodBeInEndpoints } from '../shared/endpoint-pods';

export { portMapKey };
export type { SliceEndpoint, SlicePort };

/** The endpoints of one port mapping: pods whose Service ports resolve to the same numbers share slices. */
export interface PortMapping {
  key: string;
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
}

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * The endpointslice reconciler's desired state for one Service: every selected pod with an IP
 * that is not Succeeded/Failed (terminating ones included, `terminating: true`), grouped by the
 * ports its containers resolve. `serving` = the pod is Ready,
 * `ready` = publishNotReadyAddresses, or serving and not terminating. A pod whose node is unknown is
 * skipped unless the Service publishes not-ready addresses.
 */
export function desiredEndpoints(service: Service, pods: readonly Pod[], nodes: ReadonlyMap<string, Node>): PortMapping[] {
  const pnra = service.spec.publishNotReadyAddresses === true;
  const byKey = new Map<string, PortMapping>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const node = pod.spec.nodeName ? nodes.get(pod.spec.nodeName) : undefined;
    if (!node && !pnra) continue;
    const ports = endpointPorts(service, pod);
    const key = portMapKey(ports);
    const mapping = byKey.get(key) ?? { key, ports, endpoints: [] };
    const serving = isPodReady(pod);
    const terminating = Boolean(pod.metadata.deletionTimestamp);
    const hostname = hostnameFor(pod, service);
    const zone = node?.metadata.labels?.[ZONE_LABEL];
    mapping.endpoints.push({
      addresses: [ip],
      conditions: { ready: pnra || (serving && !terminating), serving, terminating },
      ...(hostname ? { hostname } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      ...(zone ? { zone } : {}),
    });
    byKey.set(key, mapping);
  }
  return [...byKey.values()];
}

/** getEndpointPorts: every Service port the pod resolves (a headless Service may have none). */
function endpointPorts(service: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of service.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

import type { Pod, Service } from '@kubesim/api';
import { APISERVER_ADDRESS, APISERVER_PORT } from '../shared/apiserver-endpoint';
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../shared/endpoint-objects';
import { findPort, hostnameFor, isPodReady, podIPv4, shouldPodBeInEndpoints } from '../shared/endpoint-pods';

/**
 * The subsets of a Service's Endpoints (endpoints_controller syncService + RepackSubsets): each
 * pod × service port whose port resolves contributes its address — to `addresses` when the pod is
 * Ready or the Service publishes not-ready addresses, else to `notReadyAddresses`; terminating pods
 * are left out unless the Service publishes not-ready addresses. Ports offered by the same set of
 * addresses (with the same readiness) share a subset.
 */
export function endpointSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const tolerate = service.spec.publishNotReadyAddresses === true;
  const byPort = new Map<string, { port?: EndpointPort; addresses: Map<string, { address: EndpointAddress; ready: boolean }> }>();
  const add = (port: EndpointPort | undefined, address: EndpointAddress, ready: boolean) => {
    const key = port ? JSON.stringify([port.name ?? '', port.port, port.protocol, port.appProtocol ?? '']) : '';
    const entry = byPort.get(key) ?? { port, addresses: new Map() };
    entry.addresses.set(`${address.ip}/${address.targetRef?.uid ?? ''}`, { address, ready });
    byPort.set(key, entry);
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerate)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const address = endpointAddress(pod, service, ip);
    const ready = tolerate || isPodReady(pod);
    if (service.spec.ports.length === 0) {
      if (service.spec.clusterIP === 'None') add(undefined, address, ready);
      continue;
    }
    for (const sp of service.spec.ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      add({ ...(sp.name !== undefined ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) }, address, ready);
    }
  }
  // Ports whose (address, ready) sets are equal are merged into one subset.
  const groups = new Map<string, EndpointSubset>();
  for (const { port, addresses } of byPort.values()) {
    const entries = [...addresses.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = JSON.stringify(entries.map(([k, v]) => [k, v.ready]));
    const subset = groups.get(key) ?? buildSubset(entries.map(([, v]) => v));
    if (port) subset.ports = sortPorts([...(subset.ports ?? []), port]);
    groups.set(key, subset);
  }
  return [...groups.values()].sort((a, b) => firstIP(a).localeCompare(firstIP(b)) || JSON.stringify(a.ports ?? []).localeCompare(JSON.stringify(b.ports ?? [])));
}

function endpointAddress(pod: Pod, service: Service, ip: string): EndpointAddress {
  const hostname = hostnameFor(pod, service);
  return {
    ip,
    ...(hostname ? { hostname } : {}),
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

function buildSubset(entries: { address: EndpointAddress; ready: boolean }[]): EndpointSubset {
  const ready = entries.filter((e) => e.ready).map((e) => e.address);
  const notReady = entries.filter((e) => !e.ready).map((e) => e.address);
  return { ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}) };
}

const sortPorts = (ports: EndpointPort[]) => ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || a.protocol.localeCompare(b.protocol));
const firstIP = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';

/** The `kubernetes` Service's one subset: the apiserver (shared/apiserver-endpoint.ts). */
export const apiserverSubsets = (): EndpointSubset[] => [{ addresses: [{ ip: APISERVER_ADDRESS }], ports: [{ ...APISERVER_PORT }] }];

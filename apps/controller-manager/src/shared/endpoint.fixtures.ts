import type { Pod, Service, ServicePort } from '@kubesim/api';
import { aPodWith, type PodOptions } from './workload.fixtures';

/** Builders for the endpoints and endpointslice controllers' specs. */
export function aService(name: string, o: { selector?: Record<string, string> | null; ports?: Partial<ServicePort>[]; clusterIP?: string; publishNotReadyAddresses?: boolean; labels?: Record<string, string> } = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: `uid-svc-${name}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      type: 'ClusterIP',
      ...(o.selector === null ? {} : { selector: o.selector ?? { app: name } }),
      ports: (o.ports ?? [{ port: 80 }]).map((p) => ({ protocol: 'TCP', port: 80, targetPort: p.port ?? 80, ...p }) as ServicePort),
      clusterIP: o.clusterIP ?? '10.96.0.20',
      clusterIPs: [o.clusterIP ?? '10.96.0.20'],
      sessionAffinity: 'None',
      ...(o.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
    },
    status: { loadBalancer: {} },
  };
}

/** A pod of `app: web` on node-1 with an IP (ready unless told). */
export function anEndpointPod(name: string, ip: string, o: PodOptions & { ports?: { name?: string; containerPort: number; protocol?: string }[] } = {}): Pod {
  const p = aPodWith(name, { labels: { app: 'web' }, node: 'node-1', ready: true, ...o });
  p.status.podIP = ip;
  p.status.podIPs = [{ ip }];
  if (o.ports) p.spec.containers[0].ports = o.ports;
  return p;
}

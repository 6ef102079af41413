import type { Pod, Service } from '@kubesim/api';
import { hostsLine, podRecord, withPodDns } from './pod-dns';

const headless = (o: Partial<Service['spec']> = {}): Service =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'nginx' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None', ...o }, status: { loadBalancer: {} } }) as Service;

const web = (ordinal: number, o: { ready?: boolean; deleting?: boolean; ip?: string } = {}): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${ordinal}`, namespace: 'default', labels: { app: 'nginx' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { hostname: `web-${ordinal}`, subdomain: 'nginx', containers: [] },
    status: { phase: 'Running', podIP: o.ip ?? `10.244.0.${ordinal + 2}`, conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  }) as unknown as Pod;

const objects = (services: Service[], pods: Pod[]) => ({ services: () => services, pods: () => pods });

describe('pod DNS behind a headless Service', () => {
  it.each(['web-0.nginx', 'web-0.nginx.default', 'web-0.nginx.default.svc', 'web-0.nginx.default.svc.cluster.local', 'WEB-0.nginx.default.svc.cluster.local.'])('given web-0 ready behind nginx: %s answers its IP and FQDN', (name) => {
    expect(podRecord(objects([headless()], [web(0), web(1)]), name, 'default')).toEqual({ ip: '10.244.0.2', fqdn: 'web-0.nginx.default.svc.cluster.local' });
  });

  it('no record: a Service with a cluster IP, another namespace, a not-ready or terminating pod', () => {
    expect(podRecord(objects([headless({ clusterIP: '10.96.0.20' })], [web(0)]), 'web-0.nginx', 'default')).toBeUndefined();
    expect(podRecord(objects([headless()], [web(0)]), 'web-0.nginx', 'team-a')).toBeUndefined();
    expect(podRecord(objects([headless()], [web(0, { ready: false })]), 'web-0.nginx', 'default')).toBeUndefined();
    expect(podRecord(objects([headless()], [web(0, { deleting: true })]), 'web-0.nginx', 'default')).toBeUndefined();
  });

  it('publishNotReadyAddresses: a not-ready pod has its record', () => {
    expect(podRecord(objects([headless({ publishNotReadyAddresses: true })], [web(0, { ready: false })]), 'web-0.nginx', 'default')?.ip).toBe('10.244.0.2');
  });

  it('other names fall through to the cluster network', () => {
    const net = withPodDns({ resolve: (n) => (n === 'nginx' ? '10.244.0.9' : undefined), reach: () => undefined }, objects([headless()], [web(0)]));
    expect(net.resolve('nginx', 'default')).toBe('10.244.0.9');
    expect(net.resolve('web-0.nginx', 'default')).toBe('10.244.0.2');
    expect(net.canonicalName?.('web-0.nginx', 'default')).toBe('web-0.nginx.default.svc.cluster.local');
    expect(net.resolve('example.com', 'default')).toBeUndefined();
  });

  it('under an existing headless Service a name without a pod does not resolve, even where the internet would answer', () => {
    const net = withPodDns({ resolve: () => '52.1.2.3', reach: () => undefined }, objects([headless()], [web(0)]));
    expect(net.resolve('web-7.nginx', 'default')).toBeUndefined();
    expect(net.resolve('web-7.other', 'default')).toBe('52.1.2.3');
  });

  it("the pod's /etc/hosts line: its FQDN then its hostname when it has a subdomain", () => {
    expect(hostsLine(web(0), '10.244.0.2', 'web-0')).toBe('10.244.0.2\tweb-0.nginx.default.svc.cluster.local\tweb-0');
    expect(hostsLine({ ...web(0), spec: { containers: [] } } as unknown as Pod, '10.244.0.2', 'web-0')).toBe('10.244.0.2\tweb-0');
  });
});

import type { Pod, Service } from '@kubesim/api';
import type { Listener } from '@kubesim/runtime';
import { clusterNetwork } from './cluster-network';
import { RoundRobin, serviceBackends, type ProxiedSlice } from './service-proxy';

const service = (ports: Service['spec']['ports'] = [{ protocol: 'TCP', port: 80, targetPort: 8080 }]): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { type: 'ClusterIP', selector: { app: 'web' }, ports, clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], sessionAffinity: 'None' },
  status: { loadBalancer: {} },
});
type Conditions = { ready?: boolean; serving?: boolean; terminating?: boolean };
const slice = (endpoints: [string, Conditions?][], ports: ProxiedSlice['ports'] = [{ name: '', port: 8080, protocol: 'TCP' }], name = 'web'): ProxiedSlice => ({
  metadata: { namespace: 'default', labels: { 'kubernetes.io/service-name': name } },
  endpoints: endpoints.map(([ip, conditions]) => ({ addresses: [ip], ...(conditions ? { conditions } : {}) })),
  ports,
});
const ips = (s: Service, slices: ProxiedSlice[]) => serviceBackends(s, s.spec.ports[0], slices).map((b) => `${b.ip}:${b.port}`);

describe('kube-proxy: a Service port’s backends', () => {
  it('given a slice with ready, not-ready and nil-condition endpoints, then the ready and nil ones on the slice port', () =>
    expect(ips(service(), [slice([['10.244.1.5', { ready: true }], ['10.244.1.6', { ready: false, serving: false }], ['10.244.2.3']])])).toEqual(['10.244.1.5:8080', '10.244.2.3:8080']));

  it('given only terminating endpoints, then the serving ones (draining), never the not-serving', () =>
    expect(ips(service(), [slice([['10.244.1.5', { ready: false, serving: true, terminating: true }], ['10.244.1.6', { ready: false, serving: false, terminating: true }]])])).toEqual(['10.244.1.5:8080']));

  it('given a ready endpoint besides a serving terminating one, then only the ready one', () =>
    expect(ips(service(), [slice([['10.244.1.5', { ready: false, serving: true, terminating: true }], ['10.244.1.6', { ready: true }]])])).toEqual(['10.244.1.6:8080']));

  it('given a placeholder slice, or only slices of another Service, then no backend (the connection is refused)', () => {
    expect(ips(service(), [{ metadata: { namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } }, endpoints: null, ports: null }])).toEqual([]);
    expect(ips(service(), [slice([['10.244.1.5']], undefined, 'other')])).toEqual([]);
  });

  it('given a named Service port and slices per resolved port, then each endpoint with its own target port', () => {
    const named = service([{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }]);
    expect(ips(named, [slice([['10.244.1.5']], [{ name: 'http', port: 8080, protocol: 'TCP' }]), slice([['10.244.1.6']], [{ name: 'http', port: 9090, protocol: 'TCP' }])])).toEqual(['10.244.1.5:8080', '10.244.1.6:9090']);
  });

  it('round robin: each connection starts at the next backend', () => {
    const rr = new RoundRobin();
    expect([1, 2, 3, 4].map(() => rr.order('k', ['a', 'b', 'c'])[0])).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('the cluster network reaching a cluster IP', () => {
  const listener = (program: string): Listener => ({ port: 8080, program, http: () => ({ status: 200, body: program }), alive: () => true });
  const local = (ip: string, port: number) => (port === 8080 && ['10.244.1.5', '10.244.1.6'].includes(ip) ? listener(ip) : undefined);
  const net = (slices: ProxiedSlice[]) => clusterNetwork({ services: () => [service()], pods: () => [] as Pod[], endpointSlices: () => slices }, local);

  it('given two ready endpoints, when connecting three times, then both answer in turn', () => {
    const n = net([slice([['10.244.1.5'], ['10.244.1.6']])]);
    expect([1, 2, 3].map(() => n.reach('10.96.0.20', 80)?.program)).toEqual(['10.244.1.5', '10.244.1.6', '10.244.1.5']);
  });

  it('given a ready endpoint on another node that declares no port, then it answers as that pod; on this node only its own listener does', () => {
    const pod = (name: string, ip: string, node: string) => ({ metadata: { name }, spec: { nodeName: node, containers: [{ name: 'c', image: 'registry.k8s.io/e2e-test-images/agnhost:2.39' }] }, status: { phase: 'Running', podIP: ip } }) as unknown as Pod;
    const n = clusterNetwork({ services: () => [service()], pods: () => [pod('remote', '10.244.2.3', 'node-2'), pod('here', '10.244.1.9', 'node-1')], endpointSlices: () => [slice([['10.244.2.3']])] }, () => undefined, 'node-1');
    expect(n.reach('10.96.0.20', 80)?.http('/', 0).body).toBe('remote\n');
    const idle = clusterNetwork({ services: () => [service()], pods: () => [pod('here', '10.244.1.9', 'node-1')], endpointSlices: () => [slice([['10.244.1.9']])] }, () => undefined, 'node-1');
    expect(idle.reach('10.96.0.20', 80)).toBeUndefined();
  });

  it('given the only endpoint is not ready, then nothing answers', () => expect(net([slice([['10.244.1.5', { ready: false, serving: false }]])]).reach('10.96.0.20', 80)).toBeUndefined());
});

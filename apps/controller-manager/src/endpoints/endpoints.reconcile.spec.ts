import type { Pod } from '@kubesim/api';
import { aService, anEndpointPod } from '../shared/endpoint.fixtures';
import { reconcileEndpoints, type Endpoints, type EndpointsAction } from './endpoints.reconcile';

const web = aService('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
const only = (actions: EndpointsAction[]) => {
  expect(actions).toHaveLength(1);
  return actions[0];
};
const subsetsOf = (pods: Pod[], service = web) => (only(reconcileEndpoints({ service, current: undefined, pods })).endpoints as Endpoints).subsets;
const ip = (a: { ip: string }) => a.ip;

describe('endpoints controller', () => {
  it('given a Service and two ready pods, when synced, then it creates Endpoints of the same name with both addresses on the target port', () => {
    const a = only(reconcileEndpoints({ service: web, current: undefined, pods: [anEndpointPod('web-1', '10.244.1.5'), anEndpointPod('web-2', '10.244.2.7')] }));
    expect(a.type).toBe('create');
    expect(a.endpoints.metadata).toMatchObject({ name: 'web', namespace: 'default', annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z' } });
    expect(a.endpoints.subsets).toEqual([
      {
        addresses: [
          { ip: '10.244.1.5', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'uid-web-1' } },
          { ip: '10.244.2.7', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: 'uid-web-2' } },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('given a pod that is not Ready, then its address is in notReadyAddresses', () => {
    const [s] = subsetsOf([anEndpointPod('web-1', '10.244.1.5'), anEndpointPod('web-2', '10.244.2.7', { ready: false })])!;
    expect([s.addresses!.map(ip), s.notReadyAddresses!.map(ip)]).toEqual([['10.244.1.5'], ['10.244.2.7']]);
  });

  it('given publishNotReadyAddresses, then a not-Ready and a terminating pod are both in addresses', () => {
    const pnra = aService('web', { selector: { app: 'web' }, publishNotReadyAddresses: true });
    const [s] = subsetsOf([anEndpointPod('web-1', '10.244.1.5', { ready: false }), anEndpointPod('web-2', '10.244.2.7', { deleting: true })], pnra)!;
    expect(s.addresses!.map(ip)).toEqual(['10.244.1.5', '10.244.2.7']);
    expect(s.notReadyAddresses).toBeUndefined();
  });

  it('given a terminating pod, a Succeeded one, one without an IP and one not selected, then none is listed', () => {
    const noIP = anEndpointPod('web-4', '');
    noIP.status.podIP = undefined;
    noIP.status.podIPs = [];
    const pods = [anEndpointPod('web-1', '10.244.1.5', { deleting: true }), anEndpointPod('web-2', '10.244.1.6', { phase: 'Succeeded' }), noIP, anEndpointPod('other', '10.244.1.8', { labels: { app: 'other' } })];
    expect(subsetsOf(pods)).toBeUndefined();
  });

  it('given a named targetPort, then it is resolved per pod, and a pod lacking the name is left out', () => {
    const named = aService('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http-web' }] });
    const [s, ...rest] = subsetsOf([anEndpointPod('web-1', '10.244.1.5', { ports: [{ name: 'http-web', containerPort: 8080 }] }), anEndpointPod('web-2', '10.244.2.7', { ports: [{ name: 'http-web', containerPort: 9090 }] }), anEndpointPod('web-3', '10.244.3.3')], named)!;
    expect(rest).toHaveLength(1);
    expect([s, rest[0]].map((x) => [x.addresses!.map(ip), x.ports])).toEqual([
      [['10.244.1.5'], [{ name: 'http', port: 8080, protocol: 'TCP' }]],
      [['10.244.2.7'], [{ name: 'http', port: 9090, protocol: 'TCP' }]],
    ]);
  });

  it('given two ports offered by the same pods, then one subset with both ports', () => {
    const two = aService('web', { selector: { app: 'web' }, ports: [{ name: 'https', port: 443, targetPort: 8443 }, { name: 'http', port: 80, targetPort: 8080 }] });
    expect(subsetsOf([anEndpointPod('web-1', '10.244.1.5')], two)).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.5' })], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'https', port: 8443, protocol: 'TCP' }] }]);
  });

  it('given a headless Service without ports, then an address-only subset and the headless label', () => {
    const headless = aService('web', { selector: { app: 'web' }, clusterIP: 'None', ports: [] });
    headless.spec.ports = [];
    const a = only(reconcileEndpoints({ service: headless, current: undefined, pods: [anEndpointPod('web-1', '10.244.1.5')] }));
    expect(a.endpoints.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.5' })] }]);
    expect(a.endpoints.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
  });

  it('given a pod with hostname and the Service as subdomain, then the address carries the hostname', () => {
    const p = anEndpointPod('web-0', '10.244.1.5');
    Object.assign(p.spec, { hostname: 'web-0', subdomain: 'web' });
    expect(subsetsOf([p])![0].addresses![0].hostname).toBe('web-0');
  });

  it('given Endpoints already as wanted, then nothing is written; when a pod stops being Ready, then they are updated', () => {
    const pods = [anEndpointPod('web-1', '10.244.1.5')];
    const created = only(reconcileEndpoints({ service: web, current: undefined, pods })).endpoints;
    const current = { ...created, metadata: { ...created.metadata, uid: 'uid-ep', resourceVersion: '7' } } as Endpoints;
    expect(reconcileEndpoints({ service: web, current, pods })).toEqual([]);
    const a = only(reconcileEndpoints({ service: web, current, pods: [anEndpointPod('web-1', '10.244.1.5', { ready: false })] }));
    expect(a.type).toBe('update');
    expect(a.endpoints.metadata.resourceVersion).toBe('7');
    expect(a.endpoints.subsets![0].notReadyAddresses!.map(ip)).toEqual(['10.244.1.5']);
  });

  it('given no pods any more, then the update drops subsets (kubectl prints <none>)', () => {
    const current = { ...only(reconcileEndpoints({ service: web, current: undefined, pods: [anEndpointPod('web-1', '10.244.1.5')] })).endpoints, metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '3', creationTimestamp: '' } } as Endpoints;
    const a = only(reconcileEndpoints({ service: web, current, pods: [] }));
    expect(a.type).toBe('update');
    expect(a.endpoints.subsets).toBeUndefined();
  });

  it('given the Service is gone, then its Endpoints are deleted', () => {
    const current = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '' } } as Endpoints;
    expect(reconcileEndpoints({ service: undefined, current, pods: [] })).toEqual([{ type: 'delete', endpoints: current }]);
  });

  it('given a Service without a selector or of type ExternalName, then its Endpoints are left to the user', () => {
    const external = aService('ext', { selector: { app: 'web' } });
    external.spec.type = 'ExternalName';
    expect(reconcileEndpoints({ service: aService('manual', { selector: null }), current: undefined, pods: [anEndpointPod('web-1', '10.244.1.5')] })).toEqual([]);
    expect(reconcileEndpoints({ service: external, current: undefined, pods: [anEndpointPod('web-1', '10.244.1.5')] })).toEqual([]);
  });

  it('given the kubernetes Service of default, then its Endpoints are the apiserver at 172.18.0.2:6443', () => {
    const k = aService('kubernetes', { selector: null, ports: [{ name: 'https', port: 443, targetPort: 6443 }], clusterIP: '10.96.0.1' });
    const a = only(reconcileEndpoints({ service: k, current: undefined, pods: [] }));
    expect(a.endpoints.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(a.endpoints.subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
  });

  it('given 1001 ready pods, then 1000 addresses and the over-capacity annotation; back under, then the annotation goes', () => {
    const pods = Array.from({ length: 1001 }, (_, i) => anEndpointPod(`web-${i}`, `10.244.${Math.floor(i / 250)}.${(i % 250) + 2}`));
    const a = only(reconcileEndpoints({ service: web, current: undefined, pods }));
    expect([a.endpoints.subsets![0].addresses!.length, a.endpoints.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']]).toEqual([1000, 'truncated']);
    const current = { ...a.endpoints, metadata: { ...a.endpoints.metadata, uid: 'u', resourceVersion: '2' } } as Endpoints;
    expect(reconcileEndpoints({ service: web, current, pods })).toEqual([]);
    const b = only(reconcileEndpoints({ service: web, current, pods: pods.slice(0, 10) }));
    expect([b.endpoints.subsets![0].addresses!.length, b.endpoints.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']]).toEqual([10, undefined]);
  });
});

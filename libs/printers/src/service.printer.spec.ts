import type { Service } from '@kubesim/api';
import { ago, NOW } from './printers.builders.spec-helpers';
import { serviceRow } from './service.printer';

const service = (spec: Partial<Service['spec']>, loadBalancer: Record<string, unknown> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: ago(21) },
  spec: { type: 'ClusterIP', ports: [], clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11'], sessionAffinity: 'None', selector: { app: 'web' }, ...spec },
  status: { loadBalancer },
});

describe('kubectl get services: a row', () => {
  it.each([
    ['ClusterIP', { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' as const }] }, {}, ['web', 'ClusterIP', '10.96.0.11', '<none>', '80/TCP', '21s', 'app=web']],
    ['NodePort: port:nodePort', { type: 'NodePort' as const, ports: [{ port: 5678, targetPort: 8080, nodePort: 30080, protocol: 'TCP' as const }] }, {}, ['web', 'NodePort', '10.96.0.11', '<none>', '5678:30080/TCP', '21s', 'app=web']],
    ['LoadBalancer without ingress: <pending>', { type: 'LoadBalancer' as const, ports: [{ port: 8080, targetPort: 8080, nodePort: 30000, protocol: 'TCP' as const }] }, {}, ['web', 'LoadBalancer', '10.96.0.11', '<pending>', '8080:30000/TCP', '21s', 'app=web']],
    ['LoadBalancer with an ingress IP', { type: 'LoadBalancer' as const }, { ingress: [{ ip: '172.18.255.1' }] }, ['web', 'LoadBalancer', '10.96.0.11', '172.18.255.1', '<none>', '21s', 'app=web']],
    ['ClusterIP with externalIPs', { externalIPs: ['1.2.3.4', '5.6.7.8'] }, {}, ['web', 'ClusterIP', '10.96.0.11', '1.2.3.4,5.6.7.8', '<none>', '21s', 'app=web']],
    ['ExternalName: its name, no cluster IP', { type: 'ExternalName' as const, externalName: 'example.com', clusterIP: '', clusterIPs: [] }, {}, ['web', 'ExternalName', '<none>', 'example.com', '<none>', '21s', 'app=web']],
    ['headless', { clusterIP: 'None', clusterIPs: ['None'] }, {}, ['web', 'ClusterIP', 'None', '<none>', '<none>', '21s', 'app=web']],
  ])('%s', (_name, spec, lb, row) => {
    expect(serviceRow(service(spec, lb), NOW)).toEqual(row);
  });
});

import type { Service, ServicePort } from '@kubesim/api';
import { given, namespaceCreated } from '@kubesim/testing';
import type { ClusterEvent } from './events';

const aService = (name: string, type: Service['spec']['type'], ports: Partial<ServicePort>[], extra: Record<string, unknown> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '', creationTimestamp: '2024-05-01T09:00:00Z' },
  spec: { type, ports: ports.map((p) => ({ protocol: 'TCP', port: 80, targetPort: 80, ...p })) as ServicePort[], clusterIP: '', clusterIPs: [], sessionAffinity: 'None', ...extra },
  status: { loadBalancer: {} },
});
const created = (s: Service): ClusterEvent[] => [{ at: '2024-05-01T09:00:00Z', by: 'spec', type: 'ObjectCreated', object: s }];
const nodePorts = (events: ClusterEvent[]) => (events[0] as { object: Service }).object.spec.ports.map((p) => p.nodePort);

describe('node ports (NodePort and LoadBalancer services)', () => {
  it('the lowest free port of 30000-32767 for each port not asking for one', () => {
    const events = given(namespaceCreated(), created({ ...aService('np', 'NodePort', [{ nodePort: 30000 }, { port: 81, nodePort: 30002 }]) }))
      .when({ type: 'CreateObject', object: aService('lb', 'LoadBalancer', [{ port: 8080 }, { port: 9090 }]) })
      .then([{ type: 'ObjectCreated' }]);
    expect(nodePorts(events)).toEqual([30001, 30003]);
  });

  it('more ports than the range holds: a 422 on the first port left without one, not an internal error', () => {
    const ports = Array.from({ length: 2769 }, (_, i) => ({ name: `p${i}`, port: i + 1 }));
    given(namespaceCreated())
      .when({ type: 'CreateObject', object: aService('np', 'NodePort', ports) })
      .thenThrows('Invalid', /spec\.ports\[2768\]\.nodePort: Invalid value: 0: failed to allocate a nodePort: range is full/);
  });

  it('the one asked for, when in range and free', () => {
    const events = given(namespaceCreated())
      .when({ type: 'CreateObject', object: aService('np', 'NodePort', [{ port: 5678, nodePort: 30080 }]) })
      .then([{ type: 'ObjectCreated' }]);
    expect(nodePorts(events)).toEqual([30080]);
  });

  it('none for a ClusterIP service, nor a LoadBalancer with allocateLoadBalancerNodePorts: false', () => {
    expect(nodePorts(given(namespaceCreated()).when({ type: 'CreateObject', object: aService('c', 'ClusterIP', [{}]) }).then([{}]))).toEqual([undefined]);
    const lb = aService('lb', 'LoadBalancer', [{}], { allocateLoadBalancerNodePorts: false });
    expect(nodePorts(given(namespaceCreated()).when({ type: 'CreateObject', object: lb }).then([{}]))).toEqual([undefined]);
  });

  it.each([
    ['out of range', aService('np3', 'NodePort', [{ nodePort: 80 }]), 'Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    ['taken by another service', aService('np2', 'NodePort', [{ port: 81 }, { nodePort: 30080 }]), 'Service "np2" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated'],
    ['on a ClusterIP service', aService('c', 'ClusterIP', [{ nodePort: 30100 }]), "Service \"c\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
  ])('a nodePort %s → 422', (_name, object, message) => {
    given(namespaceCreated(), created(aService('np', 'NodePort', [{ nodePort: 30080 }])))
      .when({ type: 'CreateObject', object })
      .thenThrows('Invalid', message);
  });

  it('an update keeps the node port its port had (kubectl apply without nodePort), and may keep its own', () => {
    const old = { ...aService('np', 'NodePort', [{ port: 80, nodePort: 30080 }]), metadata: { ...aService('np', 'NodePort', []).metadata, resourceVersion: '2' } };
    const events = given(namespaceCreated(), created(old))
      .when({ type: 'UpdateObject', object: aService('np', 'NodePort', [{ port: 80 }, { port: 443 }]) })
      .then([{ type: 'ObjectUpdated' }]);
    expect(nodePorts(events)).toEqual([30080, 30000]);
  });

  it('an ExternalName service changed to NodePort gets a cluster IP and a node port on the update', () => {
    const ext = { ...aService('ext', 'ExternalName', [], { externalName: 'example.com' }), metadata: { ...aService('ext', 'ExternalName', []).metadata, resourceVersion: '2' } };
    const [e] = given(namespaceCreated(), created(ext))
      .when({ type: 'UpdateObject', object: aService('ext', 'NodePort', [{ port: 80 }]) })
      .then([{ type: 'ObjectUpdated' }]);
    expect((e as { object: Service }).object.spec).toMatchObject({ clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11'], ports: [{ port: 80, nodePort: 30000 }] });
  });
});

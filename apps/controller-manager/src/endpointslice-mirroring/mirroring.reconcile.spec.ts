import { aService } from '../shared/endpoint.fixtures';
import type { EndpointSlice, Endpoints, EndpointSubset } from '../shared/endpoint-objects';
import { reconcileMirroredSlices } from './mirroring.reconcile';

const manual = aService('db', { selector: null, ports: [{ name: 'pg', port: 5432, targetPort: 5432 }] });
const endpoints = (subsets: EndpointSubset[], labels?: Record<string, string>): Endpoints => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'db', namespace: 'default', uid: 'uid-ep-db', resourceVersion: '3', creationTimestamp: '2026-01-01T00:00:00Z', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'data' }, ...(labels ? { labels } : {}) },
  subsets,
});
const pg = [{ name: 'pg', port: 5432, protocol: 'TCP' }];
const stored = (s: EndpointSlice): EndpointSlice => ({ ...s, metadata: { ...s.metadata, name: 'db-abcde', uid: 'uid-slice', resourceVersion: '4' } });

describe('endpointslicemirroring controller', () => {
  it('given hand-written Endpoints of a Service without a selector, then a slice db-<5> managed by the mirroring controller, owned by the Endpoints', () => {
    const [a, ...rest] = reconcileMirroredSlices({ endpoints: endpoints([{ addresses: [{ ip: '192.0.2.42' }], notReadyAddresses: [{ ip: '192.0.2.43' }], ports: pg }]), service: manual, slices: [] });
    expect(rest).toEqual([]);
    expect(a.type).toBe('create');
    expect(a.slice).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: 'db-',
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' },
        annotations: { team: 'data' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: 'db', uid: 'uid-ep-db', controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['192.0.2.42'], conditions: { ready: true } },
        { addresses: ['192.0.2.43'], conditions: { ready: false } },
      ],
      ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
    });
  });

  it('given the mirrored slice is as wanted, then nothing; when an address changes, then it is updated in place', () => {
    const [a] = reconcileMirroredSlices({ endpoints: endpoints([{ addresses: [{ ip: '192.0.2.42' }], ports: pg }]), service: manual, slices: [] });
    const slice = stored(a.slice);
    expect(reconcileMirroredSlices({ endpoints: endpoints([{ addresses: [{ ip: '192.0.2.42' }], ports: pg }]), service: manual, slices: [slice] })).toEqual([]);
    const [u] = reconcileMirroredSlices({ endpoints: endpoints([{ addresses: [{ ip: '192.0.2.50' }], ports: pg }]), service: manual, slices: [slice] });
    expect([u.type, u.slice.metadata.name, u.slice.endpoints![0].addresses]).toEqual(['update', 'db-abcde', ['192.0.2.50']]);
  });

  it('given a Service with a selector, no Service, or the skip-mirror label, then mirrored slices are deleted and none created', () => {
    const [a] = reconcileMirroredSlices({ endpoints: endpoints([{ addresses: [{ ip: '192.0.2.42' }], ports: pg }]), service: manual, slices: [] });
    const slice = stored(a.slice);
    const ep = endpoints([{ addresses: [{ ip: '192.0.2.42' }], ports: pg }]);
    for (const input of [
      { endpoints: ep, service: aService('db'), slices: [slice] },
      { endpoints: ep, service: undefined, slices: [slice] },
      { endpoints: endpoints(ep.subsets!, { 'endpointslice.kubernetes.io/skip-mirror': 'true' }), service: manual, slices: [slice] },
      { endpoints: undefined, service: manual, slices: [slice] },
    ])
      expect(reconcileMirroredSlices(input)).toEqual([{ type: 'delete', slice }]);
  });
});

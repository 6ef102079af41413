import type { Node } from '@kubesim/api';
import { aService, anEndpointPod } from '../shared/endpoint.fixtures';
import { aNodeNamed } from '../shared/workload.fixtures';
import { reconcileApiserverSlice } from './apiserver-slice';
import { reconcileEndpointSlices, type EndpointSlice, type SliceAction } from './endpointslice.reconcile';

const web = aService('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], labels: { app: 'web' } });
const nodes = new Map<string, Node>([['node-1', aNodeNamed('node-1', { labels: { 'topology.kubernetes.io/zone': 'zone-a' } })]]);
let n = 0;
/** What the apiserver makes of a create: a name from generateName, a uid and a resourceVersion. */
const stored = (s: EndpointSlice): EndpointSlice => ({ ...s, metadata: { ...s.metadata, name: s.metadata.name || `${s.metadata.generateName}x${n}`, uid: `uid-slice-${n++}`, resourceVersion: '5' } });
const run = (slices: EndpointSlice[], pods = [anEndpointPod('web-1', '10.244.1.5')], service = web, max?: number) => reconcileEndpointSlices({ service, slices, pods, nodes, maxEndpointsPerSlice: max });
const created = (actions: SliceAction[]) => actions.filter((a) => a.type === 'create').map((a) => stored(a.slice));
const types = (actions: SliceAction[]) => actions.map((a) => a.type);

describe('endpointslice controller', () => {
  it('given a Service and a ready pod, when synced, then one IPv4 slice web-<5> owned by the Service with its labels, ports and endpoint', () => {
    const [a] = run([]);
    expect(a.type).toBe('create');
    const s = a.slice;
    expect(s.metadata).toMatchObject({
      generateName: 'web-',
      labels: { app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'uid-svc-web', controller: true, blockOwnerDeletion: true }],
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z' },
    });
    expect([s.addressType, s.ports]).toEqual(['IPv4', [{ name: '', port: 8080, protocol: 'TCP' }]]);
    expect(s.endpoints).toEqual([
      { addresses: ['10.244.1.5'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'uid-web-1' }, nodeName: 'node-1', zone: 'zone-a' },
    ]);
  });

  it.each([
    ['a Ready pod', {}, false, { ready: true, serving: true, terminating: false }],
    ['a pod that is not Ready', { ready: false }, false, { ready: false, serving: false, terminating: false }],
    ['a terminating Ready pod', { deleting: true }, false, { ready: false, serving: true, terminating: true }],
    ['a terminating pod that is not Ready', { deleting: true, ready: false }, false, { ready: false, serving: false, terminating: true }],
    ['a pod that is not Ready, publishNotReadyAddresses', { ready: false }, true, { ready: true, serving: false, terminating: false }],
    ['a terminating pod, publishNotReadyAddresses', { deleting: true }, true, { ready: true, serving: true, terminating: true }],
  ])('given %s, then its conditions are as upstream', (_, pod, pnra, conditions) => {
    const service = aService('web', { selector: { app: 'web' }, publishNotReadyAddresses: pnra });
    expect(run([], [anEndpointPod('web-1', '10.244.1.5', pod)], service)[0].slice.endpoints![0].conditions).toEqual(conditions);
  });

  it('given the slice is as wanted, then nothing is written; when the pod stops being Ready, then that slice is updated in place', () => {
    const [s] = created(run([]));
    expect(run([s])).toEqual([]);
    const [a, ...rest] = run([s], [anEndpointPod('web-1', '10.244.1.5', { ready: false })]);
    expect(rest).toEqual([]);
    expect([a.type, a.slice.metadata.name, a.slice.endpoints![0].conditions.ready]).toEqual(['update', s.metadata.name, false]);
  });

  it('given a new pod, then it joins the existing slice', () => {
    const [s] = created(run([]));
    const actions = run([s], [anEndpointPod('web-1', '10.244.1.5'), anEndpointPod('web-2', '10.244.1.6')]);
    expect(types(actions)).toEqual(['update']);
    expect(actions[0].slice.endpoints!.map((e) => e.addresses[0])).toEqual(['10.244.1.5', '10.244.1.6']);
  });

  it('given no pods any more, then the slice is reused as the placeholder (same name, no ports, no endpoints), and a placeholder is kept', () => {
    const [s] = created(run([]));
    const [a, ...rest] = run([s], []);
    expect(rest).toEqual([]);
    expect([a.type, a.slice.metadata.name, a.slice.ports, a.slice.endpoints]).toEqual(['update', s.metadata.name, null, null]);
    const placeholder = stored(a.slice);
    expect(run([placeholder], [])).toEqual([]);
  });

  it('given a Service with no pods yet, then a placeholder slice is created; when a pod comes, then the placeholder becomes its slice', () => {
    const [p] = created(run([], []));
    expect([p.ports, p.endpoints]).toEqual([null, null]);
    const [a, ...rest] = run([p]);
    expect(rest).toEqual([]);
    expect([a.type, a.slice.metadata.name, a.slice.ports]).toEqual(['update', p.metadata.name, [{ name: '', port: 8080, protocol: 'TCP' }]]);
  });

  it('given more endpoints than fit in a slice, then new slices of at most the maximum', () => {
    const pods = [1, 2, 3, 4, 5].map((i) => anEndpointPod(`web-${i}`, `10.244.1.${i}`));
    expect(run([], pods, web, 2).map((a) => [a.type, a.slice.endpoints!.length])).toEqual([
      ['create', 2],
      ['create', 2],
      ['create', 1],
    ]);
  });

  it('given pods whose named port resolves differently, then one slice per port mapping', () => {
    const named = aService('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const pods = [anEndpointPod('web-1', '10.244.1.5', { ports: [{ name: 'http', containerPort: 8080 }] }), anEndpointPod('web-2', '10.244.1.6', { ports: [{ name: 'http', containerPort: 9090 }] })];
    expect(run([], pods, named).map((a) => [a.slice.ports, a.slice.endpoints!.map((e) => e.addresses[0])])).toEqual([
      [[{ name: 'http', port: 8080, protocol: 'TCP' }], ['10.244.1.5']],
      [[{ name: 'http', port: 9090, protocol: 'TCP' }], ['10.244.1.6']],
    ]);
  });

  it('given a slice owned by an older Service of the same name, then it is deleted', () => {
    const [s] = created(run([]));
    const old = { ...s, metadata: { ...s.metadata, ownerReferences: [{ ...s.metadata.ownerReferences![0], uid: 'uid-old' }] } };
    expect(types(run([old]))).toEqual(['create', 'delete']);
  });

  it('given a pod whose node is unknown, then it is left out unless the Service publishes not-ready addresses', () => {
    const lost = anEndpointPod('web-1', '10.244.1.5', { node: 'node-9' });
    expect(run([], [lost])[0].slice.endpoints).toBeNull();
    expect(run([], [lost], aService('web', { selector: { app: 'web' }, publishNotReadyAddresses: true }))[0].slice.endpoints).toHaveLength(1);
  });

  it('given the kubernetes Service, then the slice kubernetes holds the apiserver, ready, and is left alone once it does', () => {
    const k = aService('kubernetes', { selector: null, ports: [{ name: 'https', port: 443, targetPort: 6443 }], clusterIP: '10.96.0.1' });
    const [a] = reconcileApiserverSlice(k, undefined);
    expect(a.slice).toMatchObject({
      metadata: { name: 'kubernetes', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['172.18.0.2'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
    expect(reconcileApiserverSlice(k, stored(a.slice))).toEqual([]);
  });
});

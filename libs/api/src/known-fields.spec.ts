import { POD, SERVICE, unknownFields, WORKLOAD } from './known-fields';

describe('unknown fields (strict field validation)', () => {
  it('accepts the docs’ manifests as they are', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'liveness-exec', labels: { test: 'liveness' } },
      spec: {
        containers: [
          { name: 'liveness', image: 'registry.k8s.io/busybox:1.27.2', args: ['/bin/sh', '-c', 'touch /tmp/healthy'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } },
        ],
      },
    };
    expect(unknownFields(pod, POD)).toEqual([]);
    expect(unknownFields({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 3, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: pod.spec } } }, WORKLOAD)).toEqual([]);
    expect(unknownFields({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 9376 }] } }, SERVICE)).toEqual([]);
  });

  it.each([
    ['a typo in a container', { spec: { containers: [{ name: 'c', imagee: 'nginx' }] } }, ['spec.containers[0].imagee']],
    ['a field at the top', { apiVersion: 'v1', kind: 'Pod', spce: {} }, ['spce']],
    ['a field in a probe', { spec: { containers: [{ name: 'c', readinessProbe: { httpGet: { path: '/', port: 80, pth: 1 } } }] } }, ['spec.containers[0].readinessProbe.httpGet.pth']],
    ['a field in metadata', { metadata: { name: 'x', lables: {} } }, ['metadata.lables']],
  ])('names %s', (_case, body, fields) => expect(unknownFields(body, POD)).toEqual(fields));

  it('leaves free maps alone (labels, nodeSelector, resources)', () => {
    expect(unknownFields({ metadata: { labels: { anything: 'x' } }, spec: { nodeSelector: { 'disk/type': 'ssd' }, containers: [{ name: 'c', resources: { limits: { 'nvidia.com/gpu': '1' } } }] } }, POD)).toEqual([]);
  });
});

import { admit } from './object-strategy';

const deployment = (templateMetadata: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: templateMetadata, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
});
const service = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ...spec } });

describe('admission of generically stored kinds', () => {
  it('a template’s creationTimestamp: null (kubectl rollout undo’s patch) is dropped, so the template is the one stored before', () => {
    const withNull = admit('Deployment', deployment({ labels: { app: 'web' }, creationTimestamp: null }), 'default') as any;
    const without = admit('Deployment', deployment({ labels: { app: 'web' } }), 'default') as any;
    expect(withNull.spec.template).toEqual(without.spec.template);
    expect(withNull.spec.template.metadata).toEqual({ labels: { app: 'web' } });
  });

  it.each([
    ['ClusterIP', {}, { internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack' }, ['externalTrafficPolicy', 'allocateLoadBalancerNodePorts']],
    ['NodePort', { externalTrafficPolicy: 'Cluster' }, { internalTrafficPolicy: 'Cluster' }, ['allocateLoadBalancerNodePorts']],
    ['LoadBalancer', { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true }, { internalTrafficPolicy: 'Cluster' }, []],
    ['ExternalName', { externalName: 'example.com' }, {}, ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy', 'externalTrafficPolicy']],
  ])('Service defaults for type %s, as kube-apiserver’s', (type, extra, also, absent) => {
    const spec = (admit('Service', service({ type, ports: [{ port: 80 }], ...(type === 'ExternalName' ? { externalName: 'example.com' } : {}) }), 'default') as any).spec;
    expect(spec).toMatchObject({ type, sessionAffinity: 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], ...extra, ...also });
    for (const field of absent) expect(spec).not.toHaveProperty(field);
  });
});

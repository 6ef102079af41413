import { decodeInPlace } from './decode-in-place';

const POD = 'io.k8s.api.core.v1.Pod';
const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...metadata }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });

/** Values its schema cannot decode, in encoding/json's words as kube-apiserver's decoder says them. */
describe('decodeInPlace', () => {
  it('a well-formed object decodes; null decodes into anything; an unknown field is dropped', () => {
    expect(decodeInPlace(pod({ nodeSelector: { a: 'b' }, tolerations: [{ key: 'k', operator: 'Exists' }] }), POD)).toBeUndefined();
    expect(decodeInPlace(pod({ tolerations: null, affinity: null }), POD)).toBeUndefined();
    const unknown = pod({ bogusField: 5 });
    expect(decodeInPlace(unknown, POD)).toBeUndefined();
    expect(unknown.spec).not.toHaveProperty('bogusField'); // dropped, as Go's decoder drops it
  });

  it.each([
    ['a string for a list of structs', pod({}, { ownerReferences: 'x' }), 'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference'],
    ['an object for a list', pod({ tolerations: {} }), 'json: cannot unmarshal object into Go struct field PodSpec.spec.tolerations of type []v1.Toleration'],
    ['a string item in a list of structs', pod({ containers: ['x'] }), 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container'],
    ['a nested struct field (no list indices in the path)', pod({ containers: [{ name: 'c', ports: [{ containerPort: '80' }] }] }), 'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['an int64 past its range', pod({ terminationGracePeriodSeconds: 1e20 }), 'json: cannot unmarshal number 100000000000000000000 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64'],
    ['a fraction for an integer', pod({ activeDeadlineSeconds: 1.5 }), 'json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64'],
    ['a number in a map of strings', pod({}, { labels: { app: 1 } }), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['a bool for a string', pod({ nodeName: true }), 'json: cannot unmarshal bool into Go struct field PodSpec.spec.nodeName of type string'],
    ['a list for the metadata', { kind: 'Pod', metadata: [] }, 'json: cannot unmarshal array into Go struct field Pod.metadata of type v1.ObjectMeta'],
  ])('%s', (_case, object, message) => {
    expect(decodeInPlace(object, POD)).toBe(message);
  });

  it('int32 fields stop at 2147483647; quantities take strings and numbers; int-or-string takes both', () => {
    const d = (spec: Record<string, unknown>) => ({ kind: 'Deployment', metadata: { name: 'd' }, spec });
    expect(decodeInPlace(d({ replicas: 2147483647 }), 'io.k8s.api.apps.v1.Deployment')).toBeUndefined();
    expect(decodeInPlace(d({ replicas: 2147483648 }), 'io.k8s.api.apps.v1.Deployment')).toBe('json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(decodeInPlace(d({ strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } }), 'io.k8s.api.apps.v1.Deployment')).toBeUndefined();
    expect(decodeInPlace(pod({ containers: [{ name: 'c', resources: { requests: { cpu: 0.5, memory: '1Gi' } } }] }), POD)).toBeUndefined();
    expect(decodeInPlace(pod({ containers: [{ name: 'c', resources: { requests: { cpu: true } } }] }), POD)).toMatch(/^json: cannot unmarshal bool into Go struct field ResourceRequirements\.spec\.containers\.resources\.requests of type resource\.Quantity$/);
  });

  it('a null list item of a struct type or a null value in a map of strings becomes Go\'s zero value, in place', () => {
    const p = pod({ containers: [null], nodeSelector: { disk: null } }, { labels: { app: null } }) as { spec: Record<string, unknown>; metadata: Record<string, unknown> };
    expect(decodeInPlace(p, POD)).toBeUndefined();
    expect(p.spec.containers).toEqual([{}]);
    expect(p.spec.nodeSelector).toEqual({ disk: '' });
    expect(p.metadata.labels).toEqual({ app: '' });
  });
});

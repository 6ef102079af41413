import { isExtendedResourceName, resourceRequirementCauses } from './resource-validation';

const causes = (resources: object) => resourceRequirementCauses(resources, 'spec.containers[0].resources').map((c) => `${c.field}: ${c.message}`);

describe('container resources: validation', () => {
  it.each([
    ['example.com/foo', true],
    ['nvidia.com/gpu', true],
    ['cpu', false],
    ['ephemeral-storage', false],
    ['hugepages-2Mi', false],
    ['kubernetes.io/something', false],
  ])('%s is an extended resource: %s', (name, expected) => {
    expect(isExtendedResourceName(name)).toBe(expected);
  });

  it.each<[string, object, string[]]>([
    ['requests within limits', { requests: { cpu: '500m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } }, []],
    ['an extended resource with equal request and limit', { requests: { 'example.com/foo': '2' }, limits: { 'example.com/foo': '2' } }, []],
    ['an extended resource as a limit alone (the request defaults to it)', { limits: { 'example.com/foo': '2' } }, []],
    ['a request above its limit', { requests: { cpu: '2' }, limits: { cpu: '1' } }, ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1']],
    [
      'an extended resource request below its limit',
      { requests: { 'example.com/foo': '1' }, limits: { 'example.com/foo': '2' } },
      ['spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/foo limit of 2'],
    ],
    [
      'an extended resource request without a limit',
      { requests: { 'example.com/foo': '1' } },
      ['spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources'],
    ],
    [
      'a fraction of an extended resource',
      { limits: { 'example.com/foo': '500m' } },
      ['spec.containers[0].resources.limits[example.com/foo]: Invalid value: "500m": must be an integer'],
    ],
  ])('%s', (_name, resources, expected) => {
    expect(causes(resources)).toEqual(expected);
  });
});

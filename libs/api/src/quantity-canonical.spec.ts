import { describe, expect, it } from 'vitest';
import { canonicalQuantity, canonicalResourceList, canonicalResourceQuantity } from './quantity-canonical';

describe('canonical quantities (resource.Quantity String())', () => {
  it.each<[string | number, string]>([
    [0.5, '500m'],
    ['0.5', '500m'],
    ['1.0', '1'],
    ['1000m', '1'],
    [2000, '2k'],
    ['100m', '100m'],
    ['0.0001', '100u'],
    ['1.5Gi', '1536Mi'],
    ['1024Mi', '1Gi'],
    ['2048Ki', '2Mi'],
    ['0.5Gi', '512Mi'],
    ['1.1Gi', '1181116006400m'],
    ['1000M', '1G'],
    ['1.5G', '1500M'],
    ['129e6', '129e6'],
    ['1e3', '1e3'],
    ['1Gi', '1Gi'],
    ['100Mi', '100Mi'],
    ['8Ki', '8Ki'],
    ['0Mi', '0'],
    ['0m', '0'],
    ['1.500k', '1.500k'],
    ['4', '4'],
    ['110', '110'],
    ['12e2', '1200'],
    ['1500', '1500'],
    ['512', '512'],
    ['1024', '1024'],
    ['0.1', '100m'],
    ['250m', '250m'],
  ])('%j → %s', (written, stored) => expect(canonicalQuantity(written)).toBe(stored));

  it('rounds up to nano precision', () => {
    expect(canonicalQuantity('0.0000000001')).toBe('1n');
  });

  it('in a ResourceList, also up to milli (SetDefaults_ResourceList)', () => {
    expect(canonicalResourceQuantity('0.0001')).toBe('1m');
    expect(canonicalResourceQuantity('0.5000')).toBe('500m');
    expect(canonicalResourceList({ cpu: 0.5, memory: '1Gi', 'example.com/foo': '1000m' })).toEqual({ cpu: '500m', memory: '1Gi', 'example.com/foo': '1' });
  });

  it('leaves what is no quantity alone (validation reports it)', () => {
    expect(canonicalQuantity('lots')).toBe('lots');
    expect(canonicalResourceList(undefined)).toBeUndefined();
  });
});

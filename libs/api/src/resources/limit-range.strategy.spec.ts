import { describe, expect, it } from 'vitest';
import { defaultLimitRangeItem } from './limit-range.strategy';

describe('LimitRange item defaults (SetDefaults_LimitRangeItem)', () => {
  it('max and min only: default and defaultRequest become max', () => {
    expect(defaultLimitRangeItem({ type: 'Container', max: { memory: '1Gi' }, min: { memory: '500Mi' } })).toEqual({
      type: 'Container',
      max: { memory: '1Gi' },
      min: { memory: '500Mi' },
      default: { memory: '1Gi' },
      defaultRequest: { memory: '1Gi' },
    });
  });
  it('min alone gives defaultRequest only; a Pod item is left as written', () => {
    expect(defaultLimitRangeItem({ type: 'Container', min: { cpu: '100m' } })).toEqual({ type: 'Container', min: { cpu: '100m' }, defaultRequest: { cpu: '100m' } });
    expect(defaultLimitRangeItem({ type: 'Pod', max: { cpu: '2' } })).toEqual({ type: 'Pod', max: { cpu: '2' } });
  });
  it('a given default wins over max, a given defaultRequest over default', () => {
    expect(defaultLimitRangeItem({ type: 'Container', max: { cpu: '2' }, default: { cpu: '1' }, defaultRequest: { cpu: '500m' } })).toMatchObject({ default: { cpu: '1' }, defaultRequest: { cpu: '500m' } });
  });
});

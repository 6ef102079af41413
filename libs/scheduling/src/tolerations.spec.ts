import { Taint, Toleration } from '@kubesim/api';
import { doNotScheduleTaint, findUntoleratedTaint, toleratesTaint } from './tolerations';

const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  it.each<[string, Toleration, boolean]>([
    ['Equal with same key, value and effect', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, true],
    ['operator defaults to Equal', { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, true],
    ['Equal with another value', { key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }, false],
    ['Equal with no value vs a valued taint', { key: 'dedicated', effect: 'NoSchedule' }, false],
    ['Exists ignores the value', { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, true],
    ['another key', { key: 'other', operator: 'Exists' }, false],
    ['empty effect matches every effect', { key: 'dedicated', operator: 'Exists' }, true],
    ['another effect', { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
    ['empty key with Exists matches everything', { operator: 'Exists' }, true],
    ['empty key with Exists still checks the effect', { operator: 'Exists', effect: 'NoExecute' }, false],
  ])('%s → %s', (_name, toleration, expected) => {
    expect(toleratesTaint(toleration, taint)).toBe(expected);
  });
});

describe('findUntoleratedTaint', () => {
  const taints: Taint[] = [
    { key: 'soft', effect: 'PreferNoSchedule' },
    { key: 'a', value: '1', effect: 'NoSchedule' },
    { key: 'b', value: '2', effect: 'NoExecute' },
  ];

  it.each<[string, Toleration[], string | undefined]>([
    ['the first untolerated scheduling taint, in node order', [], 'a'],
    ['skips tolerated taints', [{ key: 'a', value: '1' }], 'b'],
    ['none when all are tolerated', [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }], undefined],
  ])('%s', (_name, tolerations, key) => {
    expect(findUntoleratedTaint(taints, tolerations, doNotScheduleTaint)?.key).toBe(key);
  });
});

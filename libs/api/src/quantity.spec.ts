import { baseUnits, isQuantity, milliCpu } from './quantity';

describe('resource quantities', () => {
  it.each([
    ['500m', 500],
    ['1', 1000],
    ['0.1', 100],
    ['2', 2000],
    [1.5, 1500],
  ])('cpu %s is %i millicores', (q, m) => expect(milliCpu(q)).toBe(m));

  it.each([
    ['128Mi', 128 * 1024 * 1024],
    ['1Gi', 1024 ** 3],
    ['1G', 1e9],
    ['64M', 64e6],
    ['100', 100],
    ['1e3', 1000],
  ])('memory %s is %i bytes', (q, b) => expect(baseUnits(q)).toBe(b));

  it.each(['abc', '1Xi', '', '--1'])('%j is not a quantity', (q) => expect(isQuantity(q)).toBe(false));
});

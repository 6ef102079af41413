import { describe, expect, it } from 'vitest';
import { addAmounts, amountOf, formatQuantity } from './quantity-format';

describe('sums of quantities, formatted as resource.Quantity String()', () => {
  it.each([
    ['0.5', '500m'],
    ['2', '2'],
    ['1000m', '1'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1Gi', '1Gi'],
    ['500M', '500M'],
    ['2000', '2k'],
    ['1500', '1500'],
    ['512', '512'],
    ['0', '0'],
  ])('%s reads as %s', (q, want) => expect(formatQuantity(amountOf(q))).toBe(want));

  it('a sum keeps the format of its first operand', () => {
    expect(formatQuantity(addAmounts(amountOf('1Gi'), amountOf('32Mi')))).toBe('1056Mi');
    expect(formatQuantity(addAmounts(amountOf('400m'), amountOf('500m')))).toBe('900m');
    expect(formatQuantity(addAmounts(amountOf(0), amountOf('1Gi')))).toBe('1Gi');
  });
});

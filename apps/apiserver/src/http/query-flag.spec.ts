import { describe, expect, it } from 'vitest';
import { isTrue } from './query-flag';

describe('isTrue (kube-apiserver Convert_Slice_string_To_bool)', () => {
  it.each(['1', 't', 'T', 'true', 'True', 'TRUE', 'yes', ''])('?flag=%j is true', (v) => {
    expect(isTrue(v)).toBe(true);
  });

  it.each(['0', 'false', 'False', 'FALSE', 'fAlSe'])('?flag=%j is false', (v) => {
    expect(isTrue(v)).toBe(false);
  });

  it('an absent parameter is false', () => {
    expect(isTrue(undefined)).toBe(false);
  });

  it('a repeated parameter counts by its first value', () => {
    expect(isTrue(['True', 'false'])).toBe(true);
    expect(isTrue(['0', 'true'])).toBe(false);
    expect(isTrue([])).toBe(false);
  });
});

import { formatIndexes, parseIndexes } from './indexes';

describe('Job index sets as status writes them (orderedIntervals.String)', () => {
  it.each<[number[], string]>([
    [[], ''],
    [[1], '1'],
    [[2, 3], '2,3'],
    [[0, 1, 2], '0-2'],
    [[0, 2, 3, 4, 6, 7], '0,2-4,6,7'],
    [[9, 1, 3, 5, 7], '1,3,5,7,9'],
  ])('%j → "%s", and read back', (xs, text) => {
    expect(formatIndexes(xs)).toBe(text);
    expect([...parseIndexes(text)].sort((a, b) => a - b)).toEqual([...xs].sort((a, b) => a - b));
  });
});

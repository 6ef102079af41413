import { Tombstones } from './tombstones';

describe('Tombstones', () => {
  it('keeps the latest `cap` to `2 × cap`: a full newer generation pushes the older one out whole', () => {
    const t = new Tombstones(3);
    for (const [k, s] of [['a', 1], ['b', 2], ['c', 3], ['d', 4], ['e', 5]] as const) t.set(k, s);
    expect(t.size).toBe(5);
    expect(t.get('a')).toBe(1);
    t.set('f', 6);
    expect(t.size).toBe(3);
    expect(t.get('a')).toBeUndefined();
    expect([t.get('d'), t.get('e'), t.get('f')]).toEqual([4, 5, 6]);
  });

  it('a name deleted again is counted once and answers its latest sequence', () => {
    const t = new Tombstones(3);
    t.set('a', 1);
    t.set('b', 2);
    t.set('c', 3);
    t.set('a', 7);
    expect(t.size).toBe(3);
    expect(t.get('a')).toBe(7);
  });

  it('forgets a re-created name in both generations', () => {
    const t = new Tombstones(2);
    t.set('a', 1);
    t.set('b', 2);
    t.set('c', 3);
    t.delete('a');
    t.delete('c');
    expect([t.get('a'), t.get('b'), t.get('c'), t.size]).toEqual([undefined, 2, undefined, 1]);
  });
});

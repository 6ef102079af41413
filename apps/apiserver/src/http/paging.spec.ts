import type { KubeObject } from '@kubesim/api';
import { paginate } from './paging';

const objs = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ kind: 'Pod', metadata: { name, namespace: 'default' } }) as KubeObject);

describe('list paging (limit, continue)', () => {
  it('serves every item in pages of `limit`, each with a token for the next', () => {
    const first = paginate(objs, { limit: '2' });
    expect(first.items.map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(first.remainingItemCount).toBe(3);
    const second = paginate(objs, { limit: '2', continue: first.continue });
    expect(second.items.map((o) => o.metadata.name)).toEqual(['c', 'd']);
    const last = paginate(objs, { limit: '2', continue: second.continue });
    expect(last.items.map((o) => o.metadata.name)).toEqual(['e']);
    expect(last.continue).toBeUndefined();
  });

  it('serves everything without a limit', () => expect(paginate(objs, {}).items).toHaveLength(5));

  it.each([['a bad token', { continue: '!!!' }], ['a negative limit', { limit: '-1' }]])('refuses %s with 400', (_c, q) => {
    expect(() => paginate(objs, q)).toThrow(/continue key is not valid|invalid limit/);
  });
});

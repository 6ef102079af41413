import { carryOut, slowStartBatch } from './slow-start';

/** Runs `fn` on items, noting which items were in flight together. */
function recorder(fails: (n: number) => boolean = () => false) {
  const batches: number[][] = [];
  let current: number[] = [];
  let pending = 0;
  const fn = async (n: number) => {
    if (pending === 0) batches.push((current = []));
    pending++;
    current.push(n);
    await new Promise((r) => setImmediate(r));
    pending--;
    return !fails(n);
  };
  return { batches, fn };
}

describe('slowStartBatch (controller_utils)', () => {
  it('runs 1, 2, 4, 8 … at once until all are done', async () => {
    const r = recorder();
    expect(await slowStartBatch(Array.from({ length: 10 }, (_, i) => i), r.fn)).toEqual({ successes: 10, skipped: 0 });
    expect(r.batches).toEqual([[0], [1, 2], [3, 4, 5, 6], [7, 8, 9]]);
  });

  it('stops after the first batch with a failure and skips the rest', async () => {
    const r = recorder((n) => n === 2);
    expect(await slowStartBatch(Array.from({ length: 10 }, (_, i) => i), r.fn)).toEqual({ successes: 2, skipped: 7 });
    expect(r.batches).toEqual([[0], [1, 2]]);
  });

  it('a first item refused (a quota): one attempt, not one per item', async () => {
    const r = recorder(() => true);
    expect(await slowStartBatch([0, 1, 2, 3], r.fn)).toEqual({ successes: 0, skipped: 3 });
    expect(r.batches).toEqual([[0]]);
  });

  it('re-throws a throw once its batch has settled', async () => {
    const settled: number[] = [];
    const fn = async (n: number) => {
      await new Promise((r) => setImmediate(r));
      if (n === 1) throw new Error('broker down');
      settled.push(n);
      return true;
    };
    await expect(slowStartBatch([0, 1, 2, 3], fn)).rejects.toThrow('broker down');
    expect(settled).toEqual([0, 2]);
  });

  it('nothing to do: no call', async () => {
    const r = recorder();
    expect(await slowStartBatch([], r.fn)).toEqual({ successes: 0, skipped: 0 });
    expect(r.batches).toEqual([]);
  });
});

describe('carryOut: a reconcile, its creates in slow-start batches', () => {
  type A = { type: 'create' | 'status'; n: number };
  const acts = (...xs: [A['type'], number][]): A[] => xs.map(([type, n]) => ({ type, n }));

  it('keeps other actions in order around the batches', async () => {
    const log: string[] = [];
    const run = async (a: A) => {
      log.push(`${a.type}${a.n}`);
      return true;
    };
    expect(await carryOut(acts(['status', 0], ['create', 1], ['create', 2], ['create', 3], ['status', 4]), (a) => a.type === 'create', run)).toBe(0);
    expect(log).toEqual(['status0', 'create1', 'create2', 'create3', 'status4']);
  });

  it('a failed batch skips the rest of its creates; the status after it is still written', async () => {
    const log: string[] = [];
    const run = async (a: A) => {
      log.push(`${a.type}${a.n}`);
      return a.n !== 1;
    };
    expect(await carryOut(acts(['create', 1], ['create', 2], ['status', 3]), (a) => a.type === 'create', run)).toBe(1);
    expect(log).toEqual(['create1', 'status3']);
  });
});

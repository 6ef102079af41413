import type { Pod } from '@kubesim/api';
import { drainFailed, goDuration } from './drain-messages';

describe("kubectl drain's words", () => {
  it.each([
    [6000, '6s'],
    [60_000, '1m0s'],
    [300_000, '5m0s'],
    [3_723_000, '1h2m3s'],
  ])('a --timeout of %d ms prints as Go prints a Duration: %s', (ms, text) => expect(goDuration(ms)).toBe(text));

  it('given an eviction that timed out, then the pending pods and the node still to drain, as kubectl prints them', () => {
    const err = 'error when evicting pods/"web-1" -n "default": global timeout reached: 6s';
    expect(drainFailed('node-2', [{ metadata: { name: 'web-1' } } as Pod], [err])).toEqual([
      `There are pending pods in node "node-2" when an error occurred: ${err}`,
      'pod/web-1',
      `error: unable to drain node "node-2" due to error: ${err}, continuing command...`,
      'There are pending nodes to be drained:',
      ' node-2',
      err,
    ]);
  });

  it('given several errors, then they are aggregated as Go does: [e1, e2]', () => expect(drainFailed('n', [], ['a', 'b'])[0]).toBe('There are pending pods in node "n" when an error occurred: [a, b]'));
});

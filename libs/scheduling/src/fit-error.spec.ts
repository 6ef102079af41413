import { fitErrorMessage, reasonsHistogram } from './fit-error';

const nodes = (n: number, ...reasons: string[]) => Array.from({ length: n }, () => ({ reasons }));

describe('FitError message', () => {
  it.each<[string, { reasons: string[] }[], string]>([
    ['one reason', nodes(3, 'Insufficient cpu'), '3 Insufficient cpu'],
    ['a node can give several reasons', nodes(2, 'Insufficient cpu', 'Insufficient memory'), '2 Insufficient cpu, 2 Insufficient memory'],
    [
      'sorted on the whole "count reason" string',
      [...nodes(3, 'Insufficient memory'), ...nodes(1, 'node(s) were unschedulable'), ...nodes(1, 'node(s) had untolerated taint {dedicated: gpu}')],
      '1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 3 Insufficient memory',
    ],
    ['"10 ..." sorts before "2 ..."', [...nodes(2, 'a'), ...nodes(10, 'b')], '10 b, 2 a'],
    ['no reasons', [], ''],
  ])('histogram: %s', (_name, statuses, expected) => {
    expect(reasonsHistogram(statuses)).toBe(expected);
  });

  it('appends the PostFilter message after the histogram', () => {
    expect(fitErrorMessage(3, nodes(3, 'Insufficient cpu'), 'preemption: x.')).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: x.',
    );
  });
});

import { aNode, aPod } from '@kubesim/testing';
import { compareStates, stateHash } from './verify';

describe('replay --verify comparison', () => {
  const pod = aPod('web');
  const node = aNode('node-1');
  const { kind: _k, apiVersion: _a, ...listItem } = pod;

  it('equal states: no differences, and the same hash whatever the order or the list form', () => {
    const live = [node, { ...listItem, kind: 'Pod' } as typeof pod];
    expect(compareStates([pod, node], live)).toEqual([]);
    expect(stateHash([pod, node])).toBe(stateHash(live));
  });

  it('names each differing object and field', () => {
    const changed = { ...pod, spec: { ...pod.spec, nodeName: 'node-2' } };
    expect(compareStates([pod, node], [changed])).toEqual([
      { key: 'Node/node-1', problem: 'missing from the apiserver' },
      { key: 'Pod/default/web', problem: 'different', fields: ['spec.nodeName'] },
    ]);
    expect(compareStates([], [node])).toEqual([{ key: 'Node/node-1', problem: 'not in the log' }]);
    expect(stateHash([pod])).not.toBe(stateHash([changed]));
  });
});

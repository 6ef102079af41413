import { applyPatch, jsonPatch, mergePatch, strategicMergePatch } from './patch';

describe('PATCH bodies', () => {
  it('merge patch: objects merge, null deletes, lists replace', () => {
    expect(mergePatch({ a: 1, m: { x: 1, y: 2 }, l: [1, 2] }, { m: { y: null, z: 3 }, l: [3] })).toEqual({ a: 1, m: { x: 1, z: 3 }, l: [3] });
  });

  it('strategic merge patch: containers merge by name (kubectl set image)', () => {
    const target = { spec: { containers: [{ name: 'a', image: 'nginx:1.14' }, { name: 'b', image: 'redis' }] } };
    expect(strategicMergePatch(target, { spec: { containers: [{ name: 'a', image: 'nginx:1.25' }] } })).toEqual({
      spec: { containers: [{ name: 'a', image: 'nginx:1.25' }, { name: 'b', image: 'redis' }] },
    });
  });

  it('strategic merge patch: $patch delete removes a keyed item; directives are dropped', () => {
    const target = { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] };
    expect(strategicMergePatch(target, { env: [{ name: 'A', $patch: 'delete' }], '$setElementOrder/env': [{ name: 'B' }] })).toEqual({ env: [{ name: 'B', value: '2' }] });
  });

  it('json patch: add, replace, remove, test', () => {
    expect(jsonPatch({ a: { b: 1 }, l: [1] }, [
      { op: 'add', path: '/a/c', value: 2 },
      { op: 'replace', path: '/a/b', value: 3 },
      { op: 'add', path: '/l/-', value: 2 },
      { op: 'remove', path: '/l/0' },
      { op: 'test', path: '/a/c', value: 2 },
    ])).toEqual({ a: { b: 3, c: 2 }, l: [2] });
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(/test operation does not apply/);
  });

  it('refuses an unknown patch type with 415', () => {
    expect(() => applyPatch('application/apply-patch+yaml', {}, {})).toThrow(/unknown format/);
  });
});

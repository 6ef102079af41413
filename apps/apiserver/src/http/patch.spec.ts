import { applyPatch, jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { StatusError } from './status';

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

  it('json patch: move and copy (RFC 6902), on a copy of the object', () => {
    const original = { metadata: { labels: { a: 'x' } }, spec: { l: [1, 2] } };
    const patched = jsonPatch(original, [
      { op: 'copy', from: '/metadata/labels/a', path: '/metadata/labels/b' },
      { op: 'move', from: '/spec/l/0', path: '/spec/l/-' },
      { op: 'move', from: '/metadata/labels/a', path: '/metadata/labels/c' },
    ]);
    expect(patched).toEqual({ metadata: { labels: { b: 'x', c: 'x' } }, spec: { l: [2, 1] } });
    expect(original).toEqual({ metadata: { labels: { a: 'x' } }, spec: { l: [1, 2] } });
  });

  it.each<[string, unknown[], number, RegExp]>([
    ['a failed test', [{ op: 'test', path: '/a', value: 2 }], 422, /^jsonpatch test operation does not apply: \/a$/],
    ['replacing a missing key', [{ op: 'replace', path: '/b', value: 2 }], 422, /^jsonpatch replace operation does not apply: doc is missing key: \/b$/],
    ['removing a missing key', [{ op: 'remove', path: '/b' }], 422, /^jsonpatch remove operation does not apply: doc is missing path: \/b$/],
    ['adding under a missing parent', [{ op: 'add', path: '/x/y', value: 1 }], 422, /^jsonpatch add operation does not apply/],
    ['moving from a missing path', [{ op: 'move', from: '/nope', path: '/c' }], 422, /^jsonpatch move operation does not apply: doc is missing from path: \/nope$/],
    ['an index out of bounds', [{ op: 'add', path: '/l/5', value: 1 }], 422, /^jsonpatch add operation does not apply: \/l\/5/],
    ['an unknown operation', [{ op: 'frobnicate', path: '/a' }], 400, /^invalid json patch/],
    ['an add without a value', [{ op: 'add', path: '/c' }], 400, /^invalid json patch/],
    ['a path that is no JSON pointer', [{ op: 'add', path: 'a', value: 1 }], 400, /must be a JSON pointer/],
  ])('json patch refuses %s with a %i Status', (_case, ops, code, message) => {
    const status = statusOf(() => jsonPatch({ a: 1, l: [1] }, ops));
    expect(status).toMatchObject({ kind: 'Status', code });
    expect(status.message).toMatch(message);
  });

  it.each(['/__proto__/polluted', '/constructor/prototype/polluted', '/metadata/__proto__', '/prototype'])('json patch refuses the path %s and poisons no prototype', (path) => {
    for (const op of [{ op: 'add', path, value: 'yes' }, { op: 'copy', from: path, path: '/x' }, { op: 'replace', path, value: 'yes' }]) {
      expect(statusOf(() => jsonPatch({ metadata: {} }, [op]))).toMatchObject({ code: 422, reason: 'Invalid' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([['', '/metadata/resourceVersion'], ['/metadata', '/metadata/labels']])('json patch refuses to move %j into its own child %s (a circular object)', (from, path) => {
    expect(statusOf(() => jsonPatch({ metadata: { labels: {} } }, [{ op: 'move', from, path }]))).toMatchObject({ code: 422, reason: 'Invalid', message: `jsonpatch move operation does not apply: "from" (${from}) is a proper prefix of "path" (${path})` });
  });

  it('merge patches refuse a __proto__ field instead of setting a prototype', () => {
    const evil = JSON.parse('{"metadata":{"__proto__":{"polluted":"yes"}}}');
    expect(statusOf(() => mergePatch({ metadata: {} }, evil))).toMatchObject({ code: 400 });
    expect(statusOf(() => strategicMergePatch({ metadata: {} }, evil))).toMatchObject({ code: 400 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads the patch type from a Content-Type with parameters', () => {
    expect(applyPatch('application/merge-patch+json; charset=utf-8', { a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(statusOf(() => applyPatch('not a media type', {}, {}))).toMatchObject({ code: 415 });
  });
});

function statusOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected a StatusError');
}

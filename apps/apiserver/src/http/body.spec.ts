import { mediaType, parseBody, parsePatchBody } from './body';
import { StatusError } from './status';

describe('request bodies by their Content-Type (parsed by content-type)', () => {
  it('reads the media type without its parameters, in lower case', () => {
    expect(mediaType('application/json; charset=utf-8')).toBe('application/json');
    expect(mediaType('Application/YAML')).toBe('application/yaml');
    expect(mediaType(undefined)).toBe('');
    expect(mediaType('not a media type')).toBe('');
  });

  it('YAML when the client says so, JSON otherwise', () => {
    expect(parseBody('kind: Pod\nmetadata: {name: a}\n', 'application/yaml; charset=utf-8')).toEqual({ kind: 'Pod', metadata: { name: 'a' } });
    expect(parseBody('{"kind":"Pod","metadata":{"name":"a"}}', 'application/json;charset=utf-8')).toEqual({ kind: 'Pod', metadata: { name: 'a' } });
    expect(() => parseBody('kind: Pod', 'application/json')).toThrow(StatusError);
  });
});

describe('request bodies a parser must not choke on', () => {
  const status = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as StatusError).status;
    }
    throw new Error('no error');
  };

  it.each([
    ['JSON', '['.repeat(101), 'application/json'],
    ['YAML flow', '['.repeat(1000), 'application/yaml'],
    ['YAML flow in an object', `a: ${'{b: '.repeat(200)}`, 'application/yaml'],
  ])('nesting deeper than 100 (%s) is a 400 before any parser recurses', (_case, text, type) => {
    expect(status(() => parseBody(text, type))).toMatchObject({ code: 400, reason: 'BadRequest', message: 'the body of the request nests objects and lists more than 100 deep (exceeded max depth)' });
  });

  it('YAML block nesting (no brackets) is measured after parsing', () => {
    const deep = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n';
    expect(status(() => parseBody(deep, 'application/yaml'))).toMatchObject({ code: 400, message: expect.stringContaining('exceeded max depth') });
  });

  it('brackets inside strings do not count', () => {
    expect(parseBody(JSON.stringify({ kind: 'Pod', metadata: { annotations: { a: '['.repeat(500) } } }), 'application/json').metadata.annotations.a).toHaveLength(500);
  });

  it('YAML aliases are bounded (no "billion laughs")', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(status(() => parseBody(laughs, 'application/yaml'))).toMatchObject({ code: 400 });
  });

  it('absent or null metadata is an empty ObjectMeta, as Go decodes it', () => {
    expect(parseBody('{"kind":"Pod","metadata":null}', 'application/json').metadata).toEqual({});
    expect(parseBody('{"kind":"Pod"}', 'application/json').metadata).toEqual({});
  });

  it('a patch body that is not JSON is a 400 naming the syntax error', () => {
    expect(status(() => parsePatchBody('{"spec":{'))).toMatchObject({ code: 400, message: expect.stringMatching(/^the body of the request was in an unknown format: /) });
    expect(status(() => parsePatchBody(''))).toMatchObject({ code: 400, message: 'the body of the request was empty' });
    expect(parsePatchBody('[null]')).toEqual([null]);
  });
});

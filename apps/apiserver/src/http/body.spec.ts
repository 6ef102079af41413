import { mediaType, parseBody } from './body';
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
    expect(parseBody('{"kind":"Pod"}', 'application/json;charset=utf-8')).toEqual({ kind: 'Pod' });
    expect(() => parseBody('kind: Pod', 'application/json')).toThrow(StatusError);
  });
});

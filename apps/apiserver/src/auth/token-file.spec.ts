import { parseTokenFile } from './token-file';

describe('a static token file (--token-auth-file)', () => {
  it('reads token, user, uid and quoted groups; skips blank and comment lines', () => {
    const t = parseTokenFile('# admin\nabc,kubernetes-admin,,"system:masters"\n\nxyz,alice,u-1,"devs,ops"\nbob-token,bob,u-2\n');
    expect(t.get('abc')).toEqual({ username: 'kubernetes-admin', uid: '', groups: ['system:masters'] });
    expect(t.get('xyz')).toEqual({ username: 'alice', uid: 'u-1', groups: ['devs', 'ops'] });
    expect(t.get('bob-token')).toEqual({ username: 'bob', uid: 'u-2', groups: [] });
    expect(t.size).toBe(3);
  });

  it('refuses a line without a uid field', () => {
    expect(() => parseTokenFile('abc,alice\n')).toThrow('token file: line 1: token, user name and uid are required, got 2 field(s)');
  });
});

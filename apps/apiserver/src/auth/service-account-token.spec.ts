import { generateKeyPairSync } from 'node:crypto';
import { ServiceAccountTokens } from './service-account-token';

const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const sa = { namespace: 'dev', name: 'ci', uid: 'u-1' };
const NOW = Date.UTC(2026, 11, 2, 12);

describe('ServiceAccount tokens (TokenRequest)', () => {
  const tokens = new ServiceAccountTokens(pem());

  it("a token it issued names its ServiceAccount until it expires, with kube-apiserver's claims", () => {
    const { token, expiresAtMs } = tokens.issue(sa, [], 3600, NOW);
    expect(expiresAtMs).toBe(NOW + 3600_000);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'system:serviceaccount:dev:ci', aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', 'kubernetes.io': { namespace: 'dev', serviceaccount: { name: 'ci', uid: 'u-1' } } });
    expect(tokens.verify(token, NOW + 3599_000)).toEqual(sa);
    expect(tokens.verify(token, NOW + 3601_000)).toBeUndefined();
  });

  it("refuses another key's token, a tampered payload and what is not a JWT", () => {
    const { token } = new ServiceAccountTokens(pem()).issue(sa, [], 600, NOW);
    expect(tokens.verify(token, NOW)).toBeUndefined();
    const mine = tokens.issue(sa, [], 600, NOW).token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(mine[1], 'base64url').toString()), sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url');
    expect(tokens.verify(`${mine[0]}.${forged}.${mine[2]}`, NOW)).toBeUndefined();
    expect(tokens.verify('abc', NOW)).toBeUndefined();
    expect(tokens.verify('a.b.c', NOW)).toBeUndefined();
  });
});

import { parse } from 'yaml';
import { kubeconfig, mergeKubeconfig } from './kubeconfig';

const auth = { server: 'https://127.0.0.1:8080', ca: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n', token: 't0k' };

describe("kubesim up's kubeconfig", () => {
  it('carries the CA (base64) and the bearer token, with the kubesim context current', () => {
    const k = parse(kubeconfig(auth));
    expect(k.clusters).toEqual([{ name: 'kubesim', cluster: { server: auth.server, 'certificate-authority-data': Buffer.from(auth.ca).toString('base64') } }]);
    expect(k.users).toEqual([{ name: 'kubesim', user: { token: 't0k' } }]);
    expect(k['current-context']).toBe('kubesim');
  });

  it('--insecure: the server only', () => {
    const k = parse(kubeconfig({ server: 'http://127.0.0.1:8080' }));
    expect(k.clusters[0].cluster).toEqual({ server: 'http://127.0.0.1:8080' });
    expect(k.users[0].user).toEqual({});
  });

  it("merging replaces kubesim's entries, keeps every other one and makes kubesim current, as kind does", () => {
    const mine = { apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'prod', cluster: { server: 'https://prod' } }, { name: 'kubesim', cluster: { server: 'http://old' } }], users: [{ name: 'me', user: { token: 'x' } }], contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'me' } }], 'current-context': 'prod' };
    const m = mergeKubeconfig(mine, auth);
    expect(m.clusters.map((c: { name: string }) => c.name)).toEqual(['prod', 'kubesim']);
    expect(m.clusters[1].cluster.server).toBe(auth.server);
    expect(m.users.map((u: { name: string }) => u.name)).toEqual(['me', 'kubesim']);
    expect(m.contexts.map((c: { name: string }) => c.name)).toEqual(['prod', 'kubesim']);
    expect(m['current-context']).toBe('kubesim');
    expect(mergeKubeconfig(undefined, auth).clusters).toHaveLength(1);
  });
});

import { readFileSync } from 'node:fs';
import { withApiserver } from '../apiserver.spec-helpers';

const PODS = '/api/v1/namespaces/default/pods';
const pod = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

/**
 * A write whose outcome is unknown — the broker stopped (SIGSTOP) with the publish in flight — is
 * kube-apiserver's 504 Timeout, not a 500, and retrying it is safe: it lands once.
 */
describe('a write while the broker is paused', () => {
  const env = withApiserver();
  const post = (name: string) => fetch(env.base + PODS, { method: 'POST', headers: { 'content-type': 'application/json' }, body: pod(name) });

  it('answers 504 Timeout with Retry-After; after the broker resumes, a retry finds it written once (409) or writes it (201)', async () => {
    expect((await post('before')).status).toBe(201);
    process.kill(env.nats.process.pid!, 'SIGSTOP');
    // The signal is delivered asynchronously: the write goes out once the server is really stopped.
    await vi.waitFor(() => expect(readFileSync(`/proc/${env.nats.process.pid}/stat`, 'utf8').split(') ')[1][0]).toBe('T'), { timeout: 5_000, interval: 10 });
    let res: Response;
    try {
      res = await post('paused');
    } finally {
      process.kill(env.nats.process.pid!, 'SIGCONT');
    }
    const status = (await res.json()) as { code: number; reason: string; message: string; details?: { retryAfterSeconds?: number } };
    expect({ http: res.status, code: status.code, reason: status.reason }).toEqual({ http: 504, code: 504, reason: 'Timeout' });
    expect(status.message).toBe('Timeout: request did not complete within requested timeout - context deadline exceeded');
    expect(res.headers.get('retry-after')).toBe('1');
    const retry = await vi.waitFor(async () => {
      const r = await post('paused');
      expect([201, 409]).toContain(r.status);
      return r;
    }, { timeout: 20_000, interval: 500 });
    if (retry.status === 409) expect(((await retry.json()) as { reason: string }).reason).toBe('AlreadyExists');
    const list = (await (await fetch(env.base + PODS)).json()) as { items: { metadata: { name: string } }[] };
    expect(list.items.filter((p) => p.metadata.name === 'paused')).toHaveLength(1);
    expect((await post('after')).status).toBe(201);
  });
});

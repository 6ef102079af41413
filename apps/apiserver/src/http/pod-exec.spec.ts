import type { Pod } from '@kubesim/api';
import { podExec } from './pod-exec';
import { logRequest } from './pod-log';

const pod = { metadata: { name: 'web', namespace: 'default', uid: 'u1' }, spec: { nodeName: 'node-1', containers: [] }, status: { phase: 'Running' } } as unknown as Pod;

/** A NATS connection that records the request and answers like a kubelet. */
function fakeNats(reply: unknown) {
  const sent: { subject: string; body: unknown }[] = [];
  return {
    sent,
    nc: {
      request: async (subject: string, data: Uint8Array) => {
        sent.push({ subject, body: JSON.parse(new TextDecoder().decode(data)) });
        return { data: new TextEncoder().encode(JSON.stringify(reply)) };
      },
    } as never,
  };
}

describe('exec subresource: forwarded to the pod’s kubelet', () => {
  it('kubectl-style query (?command=…&container=) → the node’s exec subject; the reply is the output', async () => {
    const { nc, sent } = fakeNats({ ok: true, stdout: 'hi\n', stderr: '', exitCode: 0 });
    const r = await podExec(nc, pod, { command: ['sh', '-c', 'echo hi'], container: 'c' }, '', undefined);
    expect(r).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
    expect(sent).toEqual([{ subject: 'kubesim.kubelet.node-1.exec', body: { namespace: 'default', name: 'web', uid: 'u1', command: ['sh', '-c', 'echo hi'], container: 'c' } }]);
  });

  it('a JSON body works too', async () => {
    const { nc, sent } = fakeNats({ ok: true, stdout: '', stderr: '', exitCode: 3 });
    await podExec(nc, pod, {}, JSON.stringify({ command: ['false'] }), 'application/json');
    expect(sent[0].body).toMatchObject({ command: ['false'] });
  });

  it.each([
    ['no command', {}, undefined, 'you must specify at least one command for the container'],
    ['a streaming upgrade (kubectl exec)', { command: 'ls' }, 'SPDY/3.1', 'kubesim serves exec as one request, not a SPDY/WebSocket stream: use `kubesim exec POD -- CMD…`'],
  ])('%s → 400', async (_name, query, upgrade, message) => {
    const { nc } = fakeNats({});
    await expect(podExec(nc, pod, query, '', undefined, upgrade)).rejects.toMatchObject({ status: { code: 400, message } });
  });

  it('the kubelet’s refusal is passed on', async () => {
    const status = { kind: 'Status', code: 400, message: 'unable to upgrade connection: container not found ("c")' };
    const { nc } = fakeNats({ ok: false, status });
    await expect(podExec(nc, pod, { command: 'ls' }, '', undefined)).rejects.toMatchObject({ status });
  });
});

describe('log subresource query', () => {
  it('container, previous, timestamps, tailLines', () => {
    expect(logRequest(pod, { container: 'c', previous: 'true', timestamps: '1', tailLines: '5' })).toEqual({
      namespace: 'default',
      name: 'web',
      uid: 'u1',
      container: 'c',
      previous: true,
      timestamps: true,
      tailLines: 5,
    });
  });

  it('a malformed number is a 400', () => {
    expect(() => logRequest(pod, { tailLines: 'x' })).toThrow('tailLines and sinceSeconds must be integers');
  });
});

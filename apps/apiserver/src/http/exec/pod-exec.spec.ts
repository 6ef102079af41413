import type { Pod } from '@kubesim/api';
import { execOptions, podExec } from './pod-exec';
import { logRequest } from '../pod-log';

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

  it('no command → 400', async () => {
    const { nc } = fakeNats({});
    await expect(podExec(nc, pod, {}, '', undefined)).rejects.toMatchObject({ status: { code: 400, message: 'you must specify at least one command for the container' } });
  });

  it.each([
    ['Succeeded', 'cannot exec into a container in a completed pod; current phase is Succeeded'],
    ['Failed', 'cannot exec into a container in a completed pod; current phase is Failed'],
  ])('a %s pod → 400', async (phase, message) => {
    const { nc, sent } = fakeNats({});
    await expect(podExec(nc, { ...pod, status: { phase } } as Pod, { command: 'ls' }, '', undefined)).rejects.toMatchObject({ status: { code: 400, message } });
    expect(sent).toEqual([]);
  });

  it('a single command in the query is a one-word command; an empty container means the default', () => {
    expect(execOptions({ command: 'ls', container: '' })).toEqual({ command: ['ls'] });
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

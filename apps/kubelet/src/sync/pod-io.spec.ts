import { execReply, readLogs, startExec } from './pod-io';
import { FakeNode, sec, T0 } from './pod-runtime.spec-helpers';

const counter = { restartPolicy: 'Always', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo start; echo oops >&2; sleep 2; echo end; exit 1'] }] };
const req = (extra: Record<string, unknown> = {}) => ({ namespace: 'default', name: 'p', uid: 'uid-p', ...extra });

describe('kubelet: container logs', () => {
  it('stdout and stderr lines of the current instance, with timestamps on request', () => {
    const pod = new FakeNode().run('p', counter);
    pod.sync();
    pod.advanceTo(T0 + sec(1));
    expect(readLogs(pod.pod, pod.runtime, req(), pod.node.now)).toEqual({ ok: true, text: 'start\noops\n', next: 2, running: true });
    const stamped = readLogs(pod.pod, pod.runtime, req({ timestamps: true }), pod.node.now);
    expect(stamped.ok && stamped.text.split('\n')[0]).toBe('2024-05-01T10:00:00.030000000Z start');
  });

  it('--previous: the last instance, once the container has restarted', () => {
    const pod = new FakeNode().run('p', counter);
    pod.sync();
    expect(readLogs(pod.pod, pod.runtime, req({ previous: true }), pod.node.now)).toMatchObject({ ok: false, status: { code: 400, message: 'previous terminated container "c" in pod "p" not found' } });
    pod.advanceTo(T0 + sec(4));
    expect(pod.container('c').restartCount).toBe(1);
    expect(readLogs(pod.pod, pod.runtime, req({ previous: true }), pod.node.now)).toMatchObject({ ok: true, text: 'start\noops\nend\n' });
  });

  it('follow asks for the lines after a cursor', () => {
    const pod = new FakeNode().run('p', counter);
    pod.sync();
    pod.advanceTo(T0 + sec(2.35));
    expect(readLogs(pod.pod, pod.runtime, req({ after: 2 }), pod.node.now)).toMatchObject({ ok: true, text: 'end\n', next: 3 });
  });

  it.each([
    ['a waiting container', {}, { containers: [{ name: 'c', image: 'busybox' }] }, 'container "c" in pod "p" is waiting to start: ContainerCreating'],
    ['no container named', {}, { containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] }, 'a container name must be specified for pod p, choose one of: [a b]'],
    ['an unknown container', { container: 'x' }, { containers: [{ name: 'c', image: 'busybox' }] }, 'container x is not valid for pod p'],
  ])('%s → 400 with kubectl’s message', (_name, extra, spec, message) => {
    const pod = new FakeNode().run('p', spec);
    pod.sync();
    expect(readLogs(pod.pod, pod.runtime, req(extra), pod.node.now)).toMatchObject({ ok: false, status: { message } });
  });
});

describe('kubelet: exec', () => {
  it('runs in the container: sees its files, shares its network; output and exit code', () => {
    const pod = new FakeNode().run('p', { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hello > /tmp/greeting; sleep 3600'] }] });
    pod.sync();
    pod.advanceTo(T0 + sec(1));
    const s = startExec(pod.pod, pod.runtime, undefined, ['sh', '-c', 'cat /tmp/greeting; hostname; ls /nope'], pod.node.now);
    if ('ok' in s) throw new Error(s.status.message);
    s.proc.advance(pod.node.now);
    expect(execReply(s)).toEqual({ ok: true, stdout: 'hello\np\n', stderr: 'ls: /nope: No such file or directory\n', exitCode: 1 });
  });

  it.each([
    ['cat', ['cat'], 'line 1\nline 2\n', 'line 1\nline 2\n'],
    ['a shell with no script runs its stdin', ['sh'], 'echo from stdin; cat /tmp/greeting\n', 'from stdin\nhello\n'],
    ['a shell reading a line', ['sh', '-c', 'read x; echo "got $x"'], 'abc\n', 'got abc\n'],
  ])('stdin (kubectl exec -i): %s', (_name, command, stdin, stdout) => {
    const pod = new FakeNode().run('p', { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hello > /tmp/greeting; sleep 3600'] }] });
    pod.sync();
    pod.advanceTo(T0 + sec(1));
    const s = startExec(pod.pod, pod.runtime, undefined, command, pod.node.now, stdin);
    if ('ok' in s) throw new Error(s.status.message);
    s.proc.advance(pod.node.now);
    expect(execReply(s)).toEqual({ ok: true, stdout, stderr: '', exitCode: 0 });
  });

  it('a program that does not exist: containerd’s error as a 500, not an exit code', () => {
    const pod = new FakeNode().run('p', { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] });
    pod.sync();
    pod.advanceTo(T0 + sec(1));
    const s = startExec(pod.pod, pod.runtime, undefined, ['nosuch'], pod.node.now);
    if ('ok' in s) throw new Error(s.status.message);
    s.proc.advance(pod.node.now);
    expect(execReply(s)).toEqual({
      ok: false,
      status: expect.objectContaining({
        code: 500,
        reason: 'InternalError',
        message: expect.stringMatching(
          /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown$/,
        ),
      }),
    });
  });

  it('a container that is not running cannot be exec’d into', () => {
    const pod = new FakeNode().run('p', { containers: [{ name: 'c', image: 'busybox' }] });
    pod.sync();
    expect(startExec(pod.pod, pod.runtime, 'c', ['ls'], pod.node.now)).toMatchObject({ ok: false, status: { message: 'unable to upgrade connection: container not found ("c")' } });
  });
});

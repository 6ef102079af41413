import { ExecStream } from './exec-stream';
import { FakeNode, sec, T0 } from './pod-runtime.spec-helpers';

const sleeper = { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hello > /tmp/greeting; sleep 3600'] }] };
const open = (command: string[], extra: { tty?: boolean; stdin?: boolean; container?: string } = {}) => ({
  kind: 'open' as const,
  session: 's1',
  replyTo: '_INBOX.x',
  namespace: 'default',
  name: 'p',
  uid: 'uid-p',
  command,
  tty: extra.tty ?? false,
  stdin: extra.stdin ?? false,
  ...(extra.container ? { container: extra.container } : {}),
});

function running() {
  const pod = new FakeNode().run('p', sleeper);
  pod.sync();
  pod.advanceTo(T0 + sec(1));
  return pod;
}

describe('kubelet: a streaming exec session', () => {
  it('starts, then streams the prompt and what each typed line prints, and ends with the exit code', () => {
    const pod = running();
    const s = ExecStream.open(pod.pod, pod.runtime, open(['sh'], { tty: true, stdin: true }), pod.node.now, () => pod.node.now);
    if ('ok' in s) throw new Error(s.status.message);
    expect(s.advance(pod.node.now)).toEqual([{ kind: 'started' }, { kind: 'output', stream: 'stdout', data: '/ # ' }]);
    s.stdin('cat /tmp/greeting\r');
    expect(s.advance(pod.node.now)).toEqual([{ kind: 'output', stream: 'stdout', data: 'cat /tmp/greeting\r\nhello\r\n/ # ' }]);
    s.stdin('exit 4\r');
    expect(s.advance(pod.node.now)).toEqual([{ kind: 'output', stream: 'stdout', data: 'exit 4\r\n' }, { kind: 'exit', exitCode: 4 }]);
    expect(s.done).toBe(true);
  });

  it('without a TTY, stdout and stderr are separate and output comes before stdin closes', () => {
    const pod = running();
    const s = ExecStream.open(pod.pod, pod.runtime, open(['cat'], { stdin: true }), pod.node.now, () => pod.node.now);
    if ('ok' in s) throw new Error(s.status.message);
    s.advance(pod.node.now);
    s.stdin('abc\n');
    expect(s.advance(pod.node.now)).toEqual([{ kind: 'output', stream: 'stdout', data: 'abc\n' }]);
    s.closeStdin();
    expect(s.advance(pod.node.now)).toEqual([{ kind: 'exit', exitCode: 0 }]);
  });

  it('a command that is not in the image is containerd’s error, not output', () => {
    const pod = running();
    const s = ExecStream.open(pod.pod, pod.runtime, open(['nope'], { tty: true, stdin: true }), pod.node.now, () => pod.node.now);
    if ('ok' in s) throw new Error(s.status.message);
    const [ev] = s.advance(pod.node.now);
    expect(ev).toMatchObject({ kind: 'failed', status: { code: 500, reason: 'InternalError' } });
    expect(ev.kind === 'failed' && ev.status.message).toMatch(/OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in \$PATH: unknown$/);
  });

  it('an unknown container is refused at open', () => {
    const pod = running();
    expect(ExecStream.open(pod.pod, pod.runtime, open(['sh'], { container: 'x' }), pod.node.now, () => pod.node.now)).toMatchObject({ ok: false, status: { message: 'container x is not valid for pod p' } });
  });

  it('cancel (the client went away) kills the process and sends nothing more', () => {
    const pod = running();
    const s = ExecStream.open(pod.pod, pod.runtime, open(['sleep', '100'], { stdin: true }), pod.node.now, () => pod.node.now);
    if ('ok' in s) throw new Error(s.status.message);
    s.advance(pod.node.now);
    s.cancel(pod.node.now);
    expect(s.proc.exit).toMatchObject({ code: 137, killed: true });
    expect(s.advance(pod.node.now + 1000)).toEqual([]);
  });

  it('a process that waits for the clock says when; one that waits for stdin says nothing', () => {
    const pod = running();
    const sleeping = ExecStream.open(pod.pod, pod.runtime, open(['sleep', '5']), pod.node.now, () => pod.node.now);
    const reading = ExecStream.open(pod.pod, pod.runtime, open(['cat'], { stdin: true }), pod.node.now, () => pod.node.now);
    if ('ok' in sleeping || 'ok' in reading) throw new Error('refused');
    sleeping.advance(pod.node.now);
    reading.advance(pod.node.now);
    const wake = sleeping.nextWakeAt!;
    expect(wake).toBeGreaterThan(pod.node.now);
    expect(reading.nextWakeAt).toBeUndefined();
    expect(sleeping.advance(wake - 1)).toEqual([]);
    expect(sleeping.advance(wake)).toEqual([{ kind: 'exit', exitCode: 0 }]);
  });

  it('attach joins PID 1’s console (stdin: true, tty: true); leaving with stdinOnce closes its stdin', () => {
    const pod = new FakeNode().run('p', { containers: [{ name: 'c', image: 'busybox', command: ['sh'], stdin: true, stdinOnce: true, tty: true }] });
    pod.sync();
    pod.advanceTo(T0 + sec(1));
    const s = ExecStream.attach(pod.pod, pod.runtime, open([], { tty: true, stdin: true }));
    if ('ok' in s) throw new Error(s.status.message);
    expect(s.advance(pod.node.now)).toEqual([{ kind: 'started' }]);
    s.stdin('echo attached\r');
    expect(s.advance(pod.node.now)).toEqual([{ kind: 'output', stream: 'stdout', data: 'echo attached\r\nattached\r\n/ # ' }]);
    expect(s.proc.exit).toBeUndefined();
    s.cancel(pod.node.now);
    s.proc.advance(pod.node.now);
    expect(s.proc.exit).toMatchObject({ code: 0 });
  });

  it('attach to a container without stdin is refused', () => {
    const pod = running();
    expect(ExecStream.attach(pod.pod, pod.runtime, open([]))).toMatchObject({ ok: false, status: { code: 400 } });
  });
});

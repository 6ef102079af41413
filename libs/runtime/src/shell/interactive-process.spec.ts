import { describe, expect, it } from 'vitest';
import { startInteractive } from './interactive-process';
import { container, T0 } from './shell.spec-helpers';
import { findImage } from '../image-catalog';

/** An interactive exec on a clock the spec moves: `type` feeds stdin at `now` and runs the process. */
function session(argv: string[], tty = true, c = container()) {
  let now = T0;
  const screen: { stream: string; text: string }[] = [];
  const { proc, terminal } = startInteractive(argv, c.env, T0, { tty, clock: () => now, screen: (stream, text) => void screen.push({ stream, text }) });
  proc.advance(now);
  return {
    proc,
    terminal,
    type(data: string, after = 10) {
      now += after;
      proc.advance(now);
      terminal.feed(data);
      proc.advance(now);
    },
    wait(ms: number) {
      now += ms;
      proc.advance(now);
    },
    get text() {
      return screen.map((s) => s.text).join('');
    },
    stream(name: string) {
      return screen.filter((s) => s.stream === name).map((s) => s.text).join('');
    },
  };
}

describe('an interactive shell (kubectl exec -it POD -- sh)', () => {
  it("prints busybox's prompt, echoes what is typed, runs each line and exits with exit's status", () => {
    const s = session(['sh']);
    expect(s.text).toBe('/ # ');
    s.type('echo hello\r');
    expect(s.text).toBe('/ # echo hello\r\nhello\r\n/ # ');
    s.type('cd /tmp\r');
    expect(s.text.endsWith('/tmp # ')).toBe(true);
    s.type('exit 3\r');
    expect(s.proc.exit?.code).toBe(3);
  });

  it('waits for stdin without being runnable: nothing to do until a key arrives', () => {
    const s = session(['sh']);
    expect(s.proc.nextWakeAt).toBeUndefined();
    s.wait(1_000_000);
    expect(s.text).toBe('/ # ');
  });

  it('erases with DEL and runs what is left', () => {
    const s = session(['sh']);
    s.type('echo hix\x7f\r');
    expect(s.text).toContain('echo hix\b \b\r\nhi\r\n');
  });

  it('Ctrl-C interrupts the foreground command and comes back to the prompt with status 130', () => {
    const s = session(['sh']);
    s.type('sleep 100\r');
    s.wait(5_000);
    expect(s.text.endsWith('sleep 100\r\n')).toBe(true);
    s.type('\x03');
    expect(s.text.endsWith('^C\r\n/ # ')).toBe(true);
    s.type('echo $?\r');
    expect(s.text).toContain('130\r\n');
    expect(s.proc.exit).toBeUndefined();
  });

  it('Ctrl-C at the prompt drops the line being typed', () => {
    const s = session(['sh']);
    s.type('echo nope\x03');
    s.type('echo yes\r');
    expect(s.text).toBe('/ # echo nope^C\r\n/ # echo yes\r\nyes\r\n/ # ');
  });

  it('Ctrl-D on an empty line exits with the last status', () => {
    const s = session(['sh']);
    s.type('false\r');
    s.type('\x04');
    expect(s.proc.exit?.code).toBe(1);
  });

  it('reads more lines for a command that is not complete, after "> "', () => {
    const s = session(['sh']);
    s.type('for i in 1 2; do\r');
    expect(s.text.endsWith('> ')).toBe(true);
    s.type('echo n$i; done\r');
    expect(s.text).toContain('n1\r\nn2\r\n/ # ');
  });

  it('programs that read stdin read it interactively: cat until Ctrl-D, read VAR one line', () => {
    const s = session(['sh']);
    s.type('cat\r');
    s.type('abc\r');
    expect(s.text.endsWith('abc\r\nabc\r\n')).toBe(true);
    s.type('\x04');
    expect(s.text.endsWith('/ # ')).toBe(true);
    s.type('read NAME\r');
    s.type('world\r');
    s.type('echo hi $NAME\r');
    expect(s.text).toContain('hi world\r\n');
  });

  it("shows the working directory as ~ in HOME, and $ for a user who is not root", () => {
    const c = container({ user: { uid: 1000, gid: 1000, name: 'app' }, env: { PATH: '/bin', HOME: '/home/app' }, workingDir: '/home/app' });
    c.env.fs.mkdir('/home/app', true);
    const s = session(['sh'], true, c);
    expect(s.text).toBe('~ $ ');
  });

  it("sh on a Debian image is dash: its prompt is '# '", () => {
    const s = session(['sh'], true, container({ image: findImage('docker.io/library/nginx') }));
    expect(s.text).toBe('# ');
  });

  it("bash prints Debian's prompt root@HOSTNAME:/# and says exit", () => {
    const c = container({ image: findImage('docker.io/library/ubuntu') ?? findImage('docker.io/library/debian') });
    const s = session(['bash'], true, c);
    expect(s.text).toBe('root@web:/# ');
    s.type('exit\r');
    expect(s.text.endsWith('exit\r\n')).toBe(true);
    expect(s.proc.exit?.code).toBe(0);
  });
});

describe('a streaming exec without a TTY (kubectl exec -i)', () => {
  it('cat writes each chunk as it arrives, before stdin is closed, and exits at its end', () => {
    const s = session(['cat'], false);
    s.type('one\n');
    expect(s.stream('stdout')).toBe('one\n');
    s.type('two\n');
    expect(s.stream('stdout')).toBe('one\ntwo\n');
    expect(s.proc.exit).toBeUndefined();
    s.terminal.close();
    s.wait(1);
    expect(s.proc.exit?.code).toBe(0);
  });

  it('sh runs the whole of stdin as a script once it is closed, stderr on its own stream', () => {
    const s = session(['sh'], false);
    s.type('echo a\n');
    s.type('ls /nope\n');
    expect(s.text).toBe('');
    s.terminal.close();
    s.wait(1);
    expect(s.stream('stdout')).toBe('a\n');
    expect(s.stream('stderr')).toContain("ls: /nope: No such file or directory");
    expect(s.proc.exit?.code).toBe(1);
  });
});

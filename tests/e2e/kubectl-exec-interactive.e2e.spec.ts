import { spawn, type ChildProcess } from 'node:child_process';
import { Cluster, eventually, hasKubectl, ROOT } from './harness';

/**
 * A program run as a user runs it, its output read as it comes: `type` writes to its stdin,
 * `waitFor` waits until its output shows a text. With `pty`, through util-linux `script` (kubectl
 * then sees a terminal, as when typed at one).
 */
class Live {
  output = '';
  readonly exited: Promise<number>;
  private readonly child: ChildProcess;

  constructor(argv: string[], pty: boolean) {
    const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    this.child = pty ? spawn('script', ['-qefc', quoted, '/dev/null'], { cwd: ROOT, env: { ...process.env, KUBECONFIG: '/dev/null' } }) : spawn(argv[0], argv.slice(1), { cwd: ROOT, env: { ...process.env, KUBECONFIG: '/dev/null' } });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((r) => this.child.once('exit', (code, signal) => r(code ?? (signal ? 128 : 1))));
  }

  type(text: string) {
    this.child.stdin!.write(text);
  }

  endInput() {
    this.child.stdin!.end();
  }

  kill() {
    this.child.kill('SIGKILL');
  }

  async waitFor(text: string | RegExp, timeoutMs = 20_000) {
    await eventually(async () => expect(this.output).toMatch(text), timeoutMs, 50);
  }

  /** The output from where `text` last appears. */
  after(text: string) {
    return this.output.slice(this.output.lastIndexOf(text));
  }
}

/** `kubectl exec -it POD -- sh`: an interactive shell over the streaming exec, as on a real cluster. */
describe.skipIf(!hasKubectl)('kubectl exec -it: an interactive shell (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const k = (...args: string[]) => cluster.kubectl(...args);
  const kubectl = (args: string[], pty: boolean) => new Live(['kubectl', '--server', cluster.server, ...args], pty);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 1 });
    await cluster.up();
    expect((await k('run', 'shell', '--image=busybox:1.36', '--', 'sleep', '3600')).code).toBe(0);
    await eventually(async () => expect((await k('get', 'pod', 'shell')).stdout).toMatch(/shell\s+1\/1\s+Running/), 60_000);
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it("prints busybox's prompt, echoes what is typed, runs it, and exit ends the session with 0", async () => {
    const t = kubectl(['exec', '-it', 'shell', '--', 'sh'], true);
    await t.waitFor('/ # ');
    t.type('echo hello\r');
    await t.waitFor('hello\r\n/ # ');
    t.type('exit\r');
    expect(await t.exited).toBe(0);
    expect(t.output).toBe('/ # echo hello\r\nhello\r\n/ # exit\r\n');
  });

  it('Ctrl-C interrupts the foreground command (back to the prompt, $? 130); exit N is kubectl’s exit code', async () => {
    const t = kubectl(['exec', '-it', 'shell', '--', 'sh'], true);
    await t.waitFor('/ # ');
    t.type('sleep 100\r');
    await t.waitFor('sleep 100\r\n');
    t.type('\x03');
    await t.waitFor('^C\r\n/ # ');
    t.type('echo $?; cd /tmp\r');
    await t.waitFor('130\r\n/tmp # ');
    t.type('ech\x7fho typed\r');
    await t.waitFor('typed\r\n/tmp # ');
    t.type('exit 3\r');
    expect(await t.exited).toBe(3);
    expect(t.output).toContain('command terminated with exit code 3');
  });

  it('programs that read stdin read it as it is typed: cat until Ctrl-D, then the prompt again', async () => {
    const t = kubectl(['exec', '-it', 'shell', '--', 'sh'], true);
    await t.waitFor('/ # ');
    t.type('cat\r');
    t.type('line one\r');
    await t.waitFor('line one\r\nline one\r\n');
    t.type('\x04');
    await t.waitFor(/line one\r\n\/ # $/);
    t.type('\x04');
    expect(await t.exited).toBe(0);
  });

  it('kubectl exec -i POD -- cat streams: each line comes back before stdin is closed', async () => {
    const t = kubectl(['exec', '-i', 'shell', '--', 'cat'], false);
    t.type('first\n');
    await t.waitFor('first\n');
    t.type('second\n');
    await t.waitFor('first\nsecond\n');
    t.endInput();
    expect(await t.exited).toBe(0);
    expect(t.output).toBe('first\nsecond\n');
  });

  it('a client that goes away has its exec’d process killed', async () => {
    const t = kubectl(['exec', '-i', 'shell', '--', 'sh', '-c', 'sleep 4; touch /tmp/survived'], false);
    await new Promise((r) => setTimeout(r, 1500));
    t.kill();
    await t.exited;
    await new Promise((r) => setTimeout(r, 5000));
    expect(await k('exec', 'shell', '--', 'ls', '/tmp/survived')).toMatchObject({ code: 1, stderr: expect.stringContaining('No such file or directory') });
    // The same command, left alone, does leave the file: the check above can fail.
    expect((await k('exec', 'shell', '--', 'sh', '-c', 'sleep 4; touch /tmp/survived; ls /tmp/survived')).stdout).toBe('/tmp/survived\n');
  });

  it('kubectl run -it --rm: attaches to PID 1’s sh (stdin: true, tty: true), and the pod is gone after exit', async () => {
    const t = kubectl(['run', '-it', '--rm', 'bb', '--image=busybox:1.36', '--restart=Never', '--', 'sh'], true);
    await t.waitFor("If you don't see a command prompt, try pressing enter.", 60_000);
    t.type('\r');
    await t.waitFor('/ # ');
    t.type('echo attached\r');
    await t.waitFor('attached\r\n/ # ');
    t.type('exit\r');
    expect(await t.exited).toBe(0);
    expect(t.output).toContain('pod "bb" deleted');
    await eventually(async () => expect((await k('get', 'pod', 'bb')).stderr).toContain('pods "bb" not found'));
  });

  // Last: it kills the node's kubelet.
  it('a kubelet that dies mid-session ends it with an error, not a hang', async () => {
    const t = kubectl(['exec', '-it', 'shell', '--', 'sh'], true);
    await t.waitFor('/ # ');
    await cluster.kill9('kubelet-node-1');
    const code = await t.exited;
    expect(code).not.toBe(0);
    expect(t.output).toMatch(/error reading from the kubelet on node-1: the exec stream stopped/);
  }, 60_000);
});

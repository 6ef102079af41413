import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor, type ChildSpec, type SupervisorNotice } from './supervisor';

const sleeper = (name: string, restart: boolean): ChildSpec => ({ name, command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], env: {}, restart });
const fast = { initialMs: 50, maxMs: 200, resetAfterMs: 60_000 };

async function until<T>(f: () => T | undefined, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Supervisor', () => {
  let notices: SupervisorNotice[];
  let supervisor: Supervisor;
  beforeEach(() => {
    notices = [];
    supervisor = new Supervisor(mkdtempSync(join(tmpdir(), 'ks-sup-')), (n) => notices.push(n), () => undefined, fast);
  });
  afterEach(() => supervisor.stopAll(['a', 'b']));

  it('given a restartable child, when someone else SIGKILLs it, then it runs again with a new pid after the back-off', async () => {
    const first = supervisor.start(sleeper('a', true)).process.pid;
    process.kill(first!, 'SIGKILL');
    const restarted = await until(() => notices.find((n) => n.kind === 'restarted'));
    expect(notices[0]).toMatchObject({ kind: 'exited', name: 'a', signal: 'SIGKILL', decision: { kind: 'restart', delayMs: 50, attempt: 1 } });
    expect(restarted.pid).not.toBe(first);
    expect(supervisor.children.get('a')!.process.pid).toBe(restarted.pid);
    process.kill(restarted.pid!, 'SIGKILL');
    await until(() => notices.filter((n) => n.kind === 'restarted')[1]);
    expect(notices[2]).toMatchObject({ kind: 'exited', decision: { kind: 'restart', delayMs: 100, attempt: 2 } });
  });

  it('given a restartable child, when the supervisor kills or stops it, then it stays stopped', async () => {
    supervisor.start(sleeper('a', true));
    supervisor.start(sleeper('b', true));
    expect(supervisor.kill('a', 'SIGKILL')).toBe(true);
    await supervisor.stop('b');
    await until(() => (notices.length === 2 ? true : undefined));
    await new Promise((r) => setTimeout(r, 150));
    expect(notices.map((n) => n.kind === 'exited' && n.decision.kind)).toEqual(['leave-stopped', 'leave-stopped']);
  });

  it('given a child that is not restartable, when it is killed, then it stays down', async () => {
    const pid = supervisor.start(sleeper('a', false)).process.pid!;
    process.kill(pid, 'SIGKILL');
    await until(() => notices[0]);
    await new Promise((r) => setTimeout(r, 150));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'exited', decision: { kind: 'stay-down' } });
  });

  it('given a restart waiting for its back-off, when the child is started by hand, then the supervisor does not start a second one', async () => {
    supervisor = new Supervisor(mkdtempSync(join(tmpdir(), 'ks-sup-')), (n) => notices.push(n), () => undefined, { ...fast, initialMs: 300 });
    const pid = supervisor.start(sleeper('a', true)).process.pid!;
    process.kill(pid, 'SIGKILL');
    await until(() => (supervisor.restartPending('a') ? true : undefined));
    const byHand = supervisor.start(sleeper('a', true)).process.pid;
    await new Promise((r) => setTimeout(r, 450));
    expect(notices.some((n) => n.kind === 'restarted')).toBe(false);
    expect(supervisor.children.get('a')!.process.pid).toBe(byHand);
  });
});

import { withSubprocesses } from './process-list';
import { container, run, T0 } from './shell.spec-helpers';

/** What `ps` in the container lists: pause first when the namespace is shared (as the kubelet builds it). */
function listing(script: string, shared: boolean, at: number) {
  const c = container({ sharedPidNamespace: shared });
  const { proc } = run(['sh', '-c', script], c, T0 + at);
  const own = withSubprocesses(proc, shared ? 8 : 1);
  return (shared ? [{ pid: 1, argv: ['/pause'] }, ...own] : own).map((p) => `${p.pid} ${'state' in p && p.state === 'Z' ? 'Z ' : ''}${p.argv.join(' ')}`);
}

describe('zombies and who reaps them', () => {
  it('exec replaces PID 1: ps shows the new program', () => {
    expect(listing('exec sleep 3600', false, 100)).toEqual(['1 sleep 3600']);
  });

  it('an orphan that exits under a PID 1 that does not reap stays a zombie', () => {
    // `( … &)`: the subshell forks sleep 1 and exits at once; sleep 1 is re-parented to PID 1,
    // which by then is `sleep 3600` and never waits for it.
    const script = '(sleep 1 &); exec sleep 3600';
    expect(listing(script, false, 500)).toEqual(['1 sleep 3600', '2 sleep 1']);
    expect(listing(script, false, 2000)).toEqual(['1 sleep 3600', '2 Z sleep 1']);
  });

  it('with a shared PID namespace pause adopts the orphan and reaps it', () => {
    const script = '(sleep 1 &); exec sleep 3600';
    expect(listing(script, true, 500)).toEqual(['1 /pause', '8 sleep 3600', '9 sleep 1']);
    expect(listing(script, true, 2000)).toEqual(['1 /pause', '8 sleep 3600']);
  });

  it('pause takes only orphans: a child of a living parent that does not wait stays a zombie', () => {
    const script = 'sleep 1 & exec sleep 3600';
    expect(listing(script, true, 2000)).toEqual(['1 /pause', '8 sleep 3600', '9 Z sleep 1']);
    expect(listing(script, false, 2000)).toEqual(['1 sleep 3600', '2 Z sleep 1']);
  });

  it('a shell that stays PID 1 reaps its own children and its orphans', () => {
    expect(listing('sleep 1 & sleep 3600', false, 2000)).toEqual(['1 sh -c sleep 1 & sleep 3600']);
    expect(listing('(sleep 1 &); sleep 3600', false, 2000)).toEqual(['1 sh -c (sleep 1 &); sleep 3600']);
    expect(listing('sleep 1 & wait; sleep 3600', false, 2000)).toEqual(['1 sh -c sleep 1 & wait; sleep 3600']);
  });

  it('ps prints a zombie as busybox does, its name in brackets; top shows STAT Z', () => {
    const c = container();
    const { proc } = run(['sh', '-c', '(sleep 1 &); exec sleep 3600'], c, T0 + 2000);
    const zombie = withSubprocesses(proc, 1)[1];
    const env = { ...c.env, processes: () => withSubprocesses(proc, 1) };
    const ps = run(['ps'], { env, lines: [] }, T0 + 2100, false);
    expect(zombie.state).toBe('Z');
    expect(ps.out).toEqual(['PID   USER     TIME  COMMAND', '    1 root      0:00 sleep 3600', '    2 root      0:00 [sleep]']);
    const top = run(['top', '-b', '-n1'], { env, lines: [] }, T0 + 2100, false);
    expect(top.out.at(-1)).toMatch(/^ {4}2 {5}1 root {5}Z {8}0 {3}0% {3}0 {3}0% \[sleep\]$/);
  });
});

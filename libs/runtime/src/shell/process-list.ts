import type { Process } from './process';
import type { ProcessInfo } from './process-types';

/** The user `ps` shows for a process: its uid, root when it runs as 0. */
export const psUser = (proc: Process) => (proc.env.user?.uid ? String(proc.env.user.uid) : 'root');

/**
 * A process and what it forked, as `ps` lists them: itself at `pid`, then its workers and
 * background jobs at the PIDs after it (a sandbox leaves room for five between containers).
 */
export function withSubprocesses(proc: Process, pid: number): ProcessInfo[] {
  const user = psUser(proc);
  return [{ pid, user, argv: proc.argv, cpuMs: proc.cpuUsedMs }, ...proc.subprocesses().filter((s) => s.nth < 6).map((s) => ({ pid: pid + s.nth, user: s.user ?? user, argv: s.argv, cpuMs: 0, ...(s.zombie ? { state: 'Z' as const } : {}) }))];
}

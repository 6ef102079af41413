/**
 * Who collects an exited process's status, as Linux decides it. A child that has exited stays in
 * the process table — a zombie, `[sleep]` in `ps` — until its parent waits for it; a child whose
 * parent has exited (an orphan) is re-parented to its PID namespace's init. In a pod that shares
 * its PID namespace that init is the pause container, whose one job besides holding the namespaces
 * is to reap such orphans; otherwise it is the container's own PID 1, which reaps only if its
 * program does (a shell does; `sleep` does not).
 */

/** A process that can have children: whether it is still running, and whether it waits for them. */
export class ProcessNode {
  alive = true;
  constructor(public reaps: boolean) {}
}

/** The pause container: PID 1 of a shared namespace, always there, always reaping. */
export const PAUSE = new ProcessNode(true);

/** Programs that wait for any child, as an init or a server master does. */
const REAPING_PROGRAMS = new Set(['sh', 'ash', 'bash', 'dash', 'nginx', 'httpd', 'tini', 'dumb-init', 'pause']);

/** Whether the program `argv` runs reaps its children. */
export function reapsChildren(argv: readonly string[]): boolean {
  const program = argv[0]?.slice(argv[0].lastIndexOf('/') + 1);
  return program !== undefined && REAPING_PROGRAMS.has(program);
}

/** Whether a child that exits now under `parent` stays a zombie; `init` takes orphans. */
export function staysZombie(parent: ProcessNode, init: ProcessNode): boolean {
  const adopter = parent.alive ? parent : init;
  return !(adopter.alive && adopter.reaps);
}

import { containerArgv, findImage, parseImageRef, repositoryName, startProcess, Terminal, type ContainerEnv, type Process } from '@kubesim/runtime';
import type { ContainerConsole, ContainerRuntime } from './container-runtime';

/**
 * Starts a new instance of the container's main process (PID 1); its output goes to the container
 * log. With `stdin: true` its stdin is the container's console, which `kubectl attach` types into.
 */
export function startContainerProcess(c: ContainerRuntime, env: ContainerEnv, at: number, spec = c.spec): Process {
  c.log.startInstance();
  let proc: Process | undefined;
  const pid1Console: ContainerConsole | undefined = spec.stdin
    ? {
        attached: new Set(),
        terminal: new Terminal(Boolean(spec.tty), {
          wake: () => proc?.wakeInput(proc.clock),
          interrupt: () => proc?.interrupt(proc.clock),
          write: (text) => pid1Console!.attached.forEach((f) => f('stdout', text)),
        }),
      }
    : undefined;
  c.console = pid1Console;
  // command and args arrive with $(VAR) already expanded (container-config.ts expandCommand).
  proc = startProcess(argvOf(c, spec), env, at, {
    pid1: true,
    onOutput: (stream, line, when) => c.log.append({ at: when, stream, line }),
    ...(pid1Console
      ? {
          input: pid1Console.terminal,
          rawOutput: (stream: 'stdout' | 'stderr', text: string) => pid1Console.attached.forEach((f) => f(spec.tty ? 'stdout' : stream, pid1Console.terminal.output(text))),
        }
      : {}),
  });
  return proc;
}

/** command/args over the image's entrypoint/cmd. */
export function argvOf(c: ContainerRuntime, spec = c.spec): string[] {
  const parsed = parseImageRef(spec.image);
  const image = parsed.ok ? findImage(repositoryName(parsed.ref)) : undefined;
  return containerArgv(image, spec);
}

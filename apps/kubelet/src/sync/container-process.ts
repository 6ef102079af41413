import { containerArgv, findImage, parseImageRef, repositoryName, startProcess, type ContainerEnv, type Process } from '@kubesim/runtime';
import type { ContainerRuntime } from './container-runtime';

/** Starts a new instance of the container's main process (PID 1); its output goes to the container log. */
export function startContainerProcess(c: ContainerRuntime, env: ContainerEnv, at: number, spec = c.spec): Process {
  c.log.startInstance();
  // command and args arrive with $(VAR) already expanded (container-config.ts expandCommand).
  return startProcess(argvOf(c, spec), env, at, { pid1: true, onOutput: (stream, line, when) => c.log.append({ at: when, stream, line }) });
}

/** command/args over the image's entrypoint/cmd. */
export function argvOf(c: ContainerRuntime, spec = c.spec): string[] {
  const parsed = parseImageRef(spec.image);
  const image = parsed.ok ? findImage(repositoryName(parsed.ref)) : undefined;
  return containerArgv(image, spec);
}

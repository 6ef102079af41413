import { containerArgv, expandContainerArgs, findImage, parseImageRef, repositoryName, startProcess, type ContainerEnv, type Process } from '@kubesim/runtime';
import type { ContainerRuntime } from './container-runtime';

/** Starts a new instance of the container's main process (PID 1); its output goes to the container log. */
export function startContainerProcess(c: ContainerRuntime, env: ContainerEnv, at: number): Process {
  c.log.startInstance();
  return startProcess(expandContainerArgs(argvOf(c), env.env), env, at, { pid1: true, onOutput: (stream, line, when) => c.log.append({ at: when, stream, line }) });
}

/** command/args over the image's entrypoint/cmd. */
export function argvOf(c: ContainerRuntime): string[] {
  const parsed = parseImageRef(c.spec.image);
  const image = parsed.ok ? findImage(repositoryName(parsed.ref)) : undefined;
  return containerArgv(image, c.spec);
}

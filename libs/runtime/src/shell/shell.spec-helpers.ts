/** A container for shell specs (not a spec itself): busybox, an empty pod network, time scale 1. */
import { findImage } from '../image-catalog';
import { Filesystem } from './filesystem';
import { imageFilesystem } from './image-files';
import type { ProcessExit } from './process';
import { NO_CLUSTER, type ClusterNetwork, type ContainerEnv, type Listener } from './process-types';
import { startProcess } from './start-program';

export const T0 = 1_000_000;
export const busybox = findImage('docker.io/library/busybox');

export interface TestContainer {
  env: ContainerEnv;
  lines: { stream: string; line: string; at: number }[];
}

export function container(overrides: Partial<ContainerEnv> = {}): TestContainer {
  const env: ContainerEnv = {
    fs: new Filesystem(imageFilesystem(overrides.image === undefined && 'image' in overrides ? undefined : (overrides.image ?? busybox), { '/etc/hostname': 'web\n' })),
    pod: { ip: '10.244.1.2', hostname: 'web', listeners: new Map<number, Listener>() },
    cluster: NO_CLUSTER,
    namespace: 'default',
    timeScale: 1,
    env: { PATH: '/bin', HOSTNAME: 'web' },
    image: busybox,
    ...overrides,
  };
  return { env, lines: [] };
}

/** Runs argv in `c` until `until` (default: far enough for any finite script); returns its exit and output. */
export function run(argv: string[], c = container(), until = T0 + 10_000_000, pid1 = true) {
  const proc = startProcess(argv, c.env, T0, { pid1, onOutput: (stream, line, at) => c.lines.push({ stream, line, at }) });
  proc.advance(until);
  return {
    proc,
    get exit() {
      return proc.exit as ProcessExit | undefined;
    },
    get out() {
      return c.lines.map((l) => l.line);
    },
    lines: c.lines,
  };
}

export const sh = (script: string, c?: TestContainer, until?: number) => run(['sh', '-c', script], c, until);

export function clusterWith(services: Record<string, string>, listeners: Record<string, Listener> = {}): ClusterNetwork {
  return {
    resolve: (name, ns) => {
      const short = name.replace(`.${ns}.svc.cluster.local`, '').replace(`.${ns}`, '');
      return services[short];
    },
    reach: (ip, port) => listeners[`${ip}:${port}`],
  };
}

import type { ImageEntry } from '../image-catalog';
import type { Filesystem } from './filesystem';

/**
 * A running program is a generator: it yields when it must wait for the clock (`until`, ms on
 * the simulated clock; Infinity = until signalled) and returns its exit status.
 */
export interface Block {
  readonly until: number;
  /** A signal ends this wait at once (the `wait` builtin, a server waiting for requests). */
  readonly interruptible?: boolean;
  /** The job is not waiting but computing: it is runnable again at `until` (see `Process.burn`). */
  readonly cpu?: boolean;
  /** The job waits for its stdin: data (or its end) arriving wakes it (`Process.wakeInput`). */
  readonly input?: boolean;
}
export type Gen<T = number> = Generator<Block, T, void>;

export type Sink = (text: string) => void;
export interface Stdio {
  readonly stdin: string;
  readonly stdout: Sink;
  readonly stderr: Sink;
  /**
   * A stdin that arrives over time (an interactive `exec`): when present, programs that read
   * stdin read it from here instead of `stdin`. Pipelines and `<` redirects replace it.
   */
  readonly input?: Input;
}

/** A stdin read as it arrives: a line at a time with a terminal, what arrived without one. */
export interface Input {
  /** The next chunk, or null at the end of input (Ctrl-D, the client closed stdin). */
  read(): Gen<string | null>;
  /** The input comes from a terminal (`exec -t`): `sh` is interactive, prints prompts. */
  readonly tty: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** Something bound to a port of a pod's network namespace. */
export interface Listener {
  readonly port: number;
  /** The program that bound it, for messages. */
  readonly program: string;
  http(path: string, at: number): HttpResponse;
  /** A line-based TCP protocol (redis): one request line → the reply's lines. */
  command?(line: string, at: number): string[];
  /** False once the program that bound the port has exited. */
  alive(): boolean;
  /** The process that bound it (`nginx -s quit` signals it). */
  readonly owner?: unknown;
}

/** The sandbox's network namespace: one IP and one port space for all the pod's containers. */
export interface PodNetwork {
  readonly ip: string;
  readonly hostname: string;
  readonly listeners: Map<number, Listener>;
}

/**
 * The cluster as a container sees it: DNS for Services and reachability of IPs. The kubelet
 * implements it from its projection; specs use a fixed table.
 */
export interface ClusterNetwork {
  /** `svc`, `svc.ns`, `svc.ns.svc.cluster.local`, looked up from `namespace` → an IP, or undefined. */
  resolve(name: string, namespace: string): string | undefined;
  /** What answers at ip:port (a pod IP, or a Service's cluster IP and port), or undefined. */
  reach(ip: string, port: number): Listener | undefined;
  /** The name a reverse lookup of `name`'s answer gives, where it is not the search path's completion (a pod's `web-0.nginx.default.svc.cluster.local`). */
  canonicalName?(name: string, namespace: string): string | undefined;
}

export const NO_CLUSTER: ClusterNetwork = { resolve: () => undefined, reach: () => undefined };

/** One process as `ps` shows it. */
export interface ProcessInfo {
  readonly pid: number;
  readonly user: string;
  readonly argv: readonly string[];
  readonly cpuMs: number;
  /** `Z`: exited, its status not collected by a parent (a zombie); running otherwise. */
  readonly state?: 'Z';
}

/** What a container gives the programs that run in it. */
export interface ContainerEnv {
  readonly fs: Filesystem;
  readonly pod: PodNetwork;
  readonly cluster: ClusterNetwork;
  readonly namespace: string;
  readonly timeScale: number;
  /** `resources.limits.memory` in bytes. */
  readonly memoryLimitBytes?: number;
  readonly env: Readonly<Record<string, string>>;
  /** The catalog entry; undefined for an image kubesim does not know. */
  readonly image: ImageEntry | undefined;
  /** The image's tag as the pod names it (`1.0`), for programs that print their version. */
  readonly imageTag?: string;
  /** The working directory its processes start in (`workingDir`, else the image's); `/` when absent. */
  readonly workingDir?: string;
  /** Who its processes run as (`securityContext.runAsUser`, else the image's `User`); root when absent. */
  readonly user?: { readonly uid: number; readonly gid: number; readonly name?: string };
  /**
   * The processes of the container's PID namespace, for `ps`/`top`: with `shareProcessNamespace`
   * the pod's (pause as PID 1); absent, the process sees only itself as PID 1.
   */
  readonly processes?: () => readonly ProcessInfo[];
  /** `shareProcessNamespace: true`: pause is PID 1 and adopts (and reaps) every orphan. */
  readonly sharedPidNamespace?: boolean;
  /** `ports[].containerPort` of the container: what an unknown image's app listens on. */
  readonly containerPorts?: readonly number[];
}

/** `exit N` (or an error that ends the shell) unwinds the interpreter with this. */
export class ShellExit {
  constructor(readonly code: number) {}
}

/** Ctrl-C on the terminal: SIGINT to the foreground command, thrown into the waiting program. */
export class Interrupted {}

export const SIGINT_EXIT_CODE = 130;

/** The kernel ended the process (OOM): no trap runs. */
export class ProcessKilled {
  constructor(
    readonly code: number,
    readonly reason: 'OOMKilled',
  ) {}
}

export const NOT_FOUND_STATUS = 127;
export const SIGKILL_EXIT_CODE = 137;
export const SIGTERM_EXIT_CODE = 143;

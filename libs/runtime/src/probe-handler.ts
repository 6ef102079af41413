import { connect } from './shell/applets/network.applets';
import type { AppletContext } from './shell/applet';
import { Process } from './shell/process';
import type { ContainerEnv, Gen } from './shell/process-types';
import { startProcess } from './shell/start-program';

export interface HttpGetAction {
  path?: string;
  port: number | string;
  host?: string;
  scheme?: string;
}

/** A probe's or a lifecycle hook's handler (core/v1 ProbeHandler, LifecycleHandler). */
export interface Handler {
  exec?: { command?: string[] };
  httpGet?: HttpGetAction;
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number; service?: string };
  sleep?: { seconds: number };
}

/** How the handler is written in messages: `[cat /tmp/healthy]`-style for exec. */
export function handlerKind(h: Handler): 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep' | undefined {
  return h.exec ? 'exec' : h.httpGet ? 'httpGet' : h.tcpSocket ? 'tcpSocket' : h.grpc ? 'grpc' : h.sleep ? 'sleep' : undefined;
}

/** A named port (`port: http`) resolves against the container's ports. */
export function resolvePort(port: number | string, namedPorts: Readonly<Record<string, number>>): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return namedPorts[port];
}

/**
 * Runs a handler against a container as a process, so that exec handlers (and `sleep`) take
 * simulated time like any program. Exit 0 = success; the output is the failure message, worded
 * as the kubelet's prober words it.
 */
export function startHandler(h: Handler, env: ContainerEnv, at: number, namedPorts: Readonly<Record<string, number>> = {}): { proc: Process; output: () => string } {
  const lines: string[] = [];
  const onOutput = (_s: string, line: string) => void lines.push(line);
  const output = () => lines.join('\n');
  if (h.exec) return { proc: startProcess(h.exec.command ?? [], env, at, { pid1: false, onOutput }), output };
  const proc = new Process(env, at, onOutput);
  const ctx: AppletContext = { name: 'kubelet', args: [], io: { stdin: '', stdout: proc.stdout, stderr: proc.stderr }, proc, cwd: '/', pid1: false };
  return { proc: proc.start(networkCheck(h, ctx, namedPorts)), output };
}

function* networkCheck(h: Handler, ctx: AppletContext, namedPorts: Readonly<Record<string, number>>): Gen {
  const { env } = ctx.proc;
  if (h.sleep) {
    yield { until: ctx.proc.clock + Math.round(h.sleep.seconds * 1000 * env.timeScale) };
    return 0;
  }
  const action = h.httpGet ?? h.tcpSocket ?? h.grpc;
  if (!action) return 0;
  const port = resolvePort(action.port, namedPorts);
  const host = ('host' in action && action.host) || env.pod.ip;
  const listener = port === undefined ? undefined : connect(ctx, host, port);
  const address = `${host}:${port ?? action.port}`;
  if (h.httpGet) {
    const path = h.httpGet.path ?? '/';
    const url = `${(h.httpGet.scheme ?? 'HTTP').toLowerCase()}://${address}${path}`;
    if (!listener) return fail(ctx, `Get "${url}": dial tcp ${address}: connect: connection refused`);
    const res = listener.http(path, ctx.proc.clock);
    if (res.status < 200 || res.status >= 400) return fail(ctx, `HTTP probe failed with statuscode: ${res.status}`);
    return 0;
  }
  if (!listener) return fail(ctx, `dial tcp ${address}: connect: connection refused`);
  return 0;
}

function fail(ctx: AppletContext, message: string): number {
  ctx.io.stdout(message + '\n');
  return 1;
}

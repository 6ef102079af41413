import { baseUnits } from '@kubesim/api';
import { UNKNOWN_IMAGE_DEFAULTS } from '../../image-catalog';
import { scaledMs } from '../../timestamps';
import { err, out, type Applet, type AppletContext } from '../applet';
import type { Process } from '../process';
import { ProcessKilled, type Gen, type HttpResponse } from '../process-types';

const ok = (body: string): HttpResponse => ({ status: 200, body });

/** Binds a port of the pod's network namespace; false when another live program holds it. */
export function listen(ctx: AppletContext, port: number, http: (path: string, at: number) => HttpResponse): boolean {
  const { listeners } = ctx.proc.env.pod;
  if (listeners.get(port)?.alive()) return false;
  const proc = ctx.proc;
  listeners.set(port, { port, program: ctx.name, http, alive: () => proc.exit === undefined, owner: proc });
  return true;
}

/** Runs until stopped. As PID 1 it exits on SIGTERM the way its image does. */
export function* serveForever(ctx: AppletContext, exitCode?: number): Gen {
  if (ctx.pid1) {
    const image = ctx.proc.env.image;
    const exits = (image?.sigterm ?? UNKNOWN_IMAGE_DEFAULTS.sigterm) === 'exits';
    const code = exitCode ?? (image ? (image.sigtermExitCode ?? 0) : UNKNOWN_IMAGE_DEFAULTS.sigtermExitCode);
    if (exits) ctx.proc.termAction = { exitCode: code };
  }
  yield { until: Infinity };
  return 0;
}

const NGINX_INDEX = '/usr/share/nginx/html/index.html';

/** nginx: serves its html directory on port 80, exits 0 on SIGTERM (fast shutdown). */
export const nginx: Applet = function* (ctx) {
  const s = ctx.args.indexOf('-s');
  if (s >= 0) return nginxSignal(ctx, ctx.args[s + 1]);
  const fs = ctx.proc.env.fs;
  const bound = listen(ctx, 80, (path) => {
    const file = path === '/' ? NGINX_INDEX : `/usr/share/nginx/html${path.split('?')[0]}`;
    const text = fs.read(file);
    return typeof text === 'string' && text !== 'ENOENT' && text !== 'EISDIR' ? ok(text) : { status: 404, body: '404 Not Found' };
  });
  if (!bound) {
    err(ctx, 'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address in use)');
    return 1;
  }
  if (ctx.pid1) {
    ctx.proc.termAction = { exitCode: 0 };
    // The master renames itself, as `ps` shows it, and forks its worker (user nginx, uid 101).
    ctx.proc.argv = ['nginx: master process nginx', ...ctx.args];
    ctx.proc.workers.push({ argv: ['nginx: worker process'], user: '101' });
  }
  yield { until: Infinity };
  return 0;
};

/** `nginx -s quit|stop|reload|reopen`: signals the running master (SIGQUIT/SIGTERM: it exits). */
function nginxSignal(ctx: AppletContext, signal: string | undefined): number {
  const master = ctx.proc.env.pod.listeners.get(80);
  const owner = master?.alive() && master.program.endsWith('nginx') ? (master.owner as Process | undefined) : undefined;
  if (!owner) {
    err(ctx, 'nginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory)');
    return 1;
  }
  if (signal === 'quit' || signal === 'stop') owner.signal('TERM', ctx.proc.clock);
  return 0;
}

/** A catalog image's long-running program: listens on the image's ports. */
export const genericServer: Applet = function* (ctx) {
  const image = ctx.proc.env.image;
  const ports = image?.ports.length ? image.ports : (ctx.proc.env.containerPorts ?? []);
  const hostname = ctx.proc.env.pod.hostname;
  for (const port of ports) listen(ctx, port, () => ok(`Hello, world!\nVersion: 1.0.0\nHostname: ${hostname}\n`));
  return yield* serveForever(ctx);
};

/** agnhost's sub-commands used by the Kubernetes docs. */
export const agnhost: Applet = function* (ctx) {
  const [sub, ...rest] = ctx.args;
  const flag = (name: string, fallback: number) => {
    const a = rest.find((x) => x.startsWith(`--${name}=`));
    const i = rest.indexOf(`--${name}`);
    return Number(a ? a.split('=')[1] : i >= 0 ? rest[i + 1] : fallback);
  };
  const hostname = ctx.proc.env.pod.hostname;
  const started = ctx.proc.clock;
  const scale = ctx.proc.env.timeScale;
  switch (sub) {
    case 'pause':
      out(ctx, 'Paused');
      return yield* serveForever(ctx, 0);
    case 'liveness':
      // Healthy for its first 10 s, then /healthz answers 500 (agnhost liveness/server.go).
      listen(ctx, 8080, (path, at) => {
        const seconds = (at - started) / 1000 / scale;
        if (path !== '/healthz') return ok('');
        return seconds > 10 ? { status: 500, body: `error: ${seconds}` } : ok('ok');
      });
      return yield* serveForever(ctx);
    case 'netexec': {
      const port = flag('http-port', 8080);
      listen(ctx, port, (path) => ok(path.startsWith('/hostname') ? hostname : path.startsWith('/echo') ? decodeURIComponent(path.split('msg=')[1] ?? '') : `NOW: ${new Date(ctx.proc.clock).toISOString()}`));
      out(ctx, `Started HTTP server on port ${port}`);
      return yield* serveForever(ctx);
    }
    case 'serve-hostname': {
      const port = flag('port', 9376);
      listen(ctx, port, () => ok(hostname));
      out(ctx, `Serving on port ${port}.`);
      return yield* serveForever(ctx);
    }
    default:
      err(ctx, `Error: unknown command "${sub ?? ''}" for "agnhost"`);
      return 1;
  }
};

const BYTES = /^(\d+)([bBkKmMgG]?)$/;

/** `stress --vm N --vm-bytes 150M [--timeout S]`: allocates memory; over the limit, the kernel OOM-kills it. */
export const stress: Applet = function* (ctx) {
  const value = (name: string) => {
    const i = ctx.args.indexOf(name);
    return i >= 0 ? ctx.args[i + 1] : undefined;
  };
  const vm = Number(value('--vm') ?? value('-m') ?? 0);
  const m = BYTES.exec(value('--vm-bytes') ?? '256M');
  const unit: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  const perWorker = m ? Number(m[1]) * unit[m[2].toLowerCase()] : 256 * 1024 ** 2;
  out(ctx, `stress: info: [1] dispatching hogs: 0 cpu, 0 io, ${vm} vm, 0 hdd`);
  ctx.proc.memoryBytes += vm * perWorker;
  const limit = ctx.proc.env.memoryLimitBytes;
  if (limit !== undefined && ctx.proc.memoryBytes > limit) {
    // The allocation takes a moment before the cgroup limit is hit.
    yield { until: ctx.proc.clock + scaledMs(0.1, ctx.proc.env.timeScale) };
    throw new ProcessKilled(137, 'OOMKilled');
  }
  const timeout = value('--timeout') ?? value('-t');
  if (timeout !== undefined) {
    const seconds = Number(timeout.replace(/s$/, ''));
    yield { until: ctx.proc.clock + scaledMs(seconds, ctx.proc.env.timeScale) };
    out(ctx, `stress: info: [1] successful run completed in ${seconds}s`);
    return 0;
  }
  return yield* serveForever(ctx);
};

/** `resources.limits.memory` in bytes, if set. */
export const memoryLimit = (limits: Record<string, unknown> | undefined): number | undefined =>
  limits?.memory === undefined ? undefined : baseUnits(limits.memory as string);

import { scaledMs } from '../../timestamps';
import type { ProgramSpec } from '../../image-catalog';
import { err, out, type Applet, type AppletContext } from '../applet';
import type { Gen, HttpResponse } from '../process-types';
import { connect, lookup } from './network.applets';
import { piDigits } from './pi';
import { runPython } from './python-one-liner';
import { listen, serveForever } from './servers.applets';

/**
 * The kinds of program an image's catalog entry names (`programs` in images/catalog.json). The
 * catalog says which executable does what, with which port, banner and page; this says how.
 */
type Spec<K extends ProgramSpec['run']> = Extract<ProgramSpec, { run: K }>;

/** `${HOSTNAME}`, `${POD_IP}`, `${TAG}`, `${DATE}` in a banner line or page. */
export function fill(ctx: AppletContext, text: string): string {
  const { env } = ctx.proc;
  const vars: Record<string, string> = {
    HOSTNAME: env.pod.hostname,
    POD_IP: env.pod.ip,
    TAG: env.imageTag ?? 'latest',
    DATE: new Date(ctx.proc.clock).toISOString(),
  };
  return text.replace(/\$\{([A-Z_]+)\}/g, (m, name: string) => vars[name] ?? m);
}

const ok = (body: string): HttpResponse => ({ status: 200, body });

export const server = (spec: Spec<'server'>): Applet =>
  function* (ctx) {
    const { env } = ctx.proc;
    if (spec.requireEnv && !spec.requireEnv.anyOf.some((k) => (env.env[k] ?? '') !== '')) {
      for (const line of spec.requireEnv.message) err(ctx, fill(ctx, line));
      return spec.requireEnv.exitCode;
    }
    const ports = spec.ports ?? (env.image?.ports.length ? env.image.ports : (env.containerPorts ?? []));
    const store = new Map<string, string>();
    for (const port of ports) {
      const bound = listen(ctx, port, (path, at) => answer(ctx, spec, path, at));
      if (bound && spec.protocol === 'redis') {
        const l = env.pod.listeners.get(port)!;
        env.pod.listeners.set(port, { ...l, command: (line) => redisReply(store, line) });
      }
    }
    for (const line of spec.banner ?? []) out(ctx, fill(ctx, line));
    return yield* serveForever(ctx);
  };

function answer(ctx: AppletContext, spec: Spec<'server'>, path: string, at: number): HttpResponse {
  if (spec.echo) {
    const { env } = ctx.proc;
    return ok(`\n\nHostname: ${env.pod.hostname}\n\nRequest Information:\n\tclient_address=10.244.0.1\n\tmethod=GET\n\treal path=${path}\n\tquery=\n\trequest_version=1.1\n\trequest_uri=http://${env.pod.ip}:8080${path}\n\nRequest Headers:\n\taccept=*/*\n\thost=${env.pod.ip}:8080\n\tuser-agent=curl/8.5.0\n\nRequest Body:\n\t-no body in request-\n\n`);
  }
  if (spec.http !== undefined) return ok(fill(ctx, spec.http).replace(`${new Date(ctx.proc.clock).toISOString()}`, new Date(at).toISOString()));
  if (spec.docroot !== undefined) {
    const file = `${spec.docroot}${path === '/' ? '/index.html' : path.split('?')[0]}`;
    const text = ctx.proc.env.fs.read(file);
    return text !== 'ENOENT' && text !== 'EISDIR' ? ok(text) : { status: 404, body: '404 Not Found' };
  }
  return ok(`Hello, world!\nVersion: 1.0.0\nHostname: ${ctx.proc.env.pod.hostname}\n`);
}

/** The few redis commands tutorials type. */
export function redisReply(store: Map<string, string>, line: string): string[] {
  const [cmd = '', ...args] = line.trim().split(/\s+/);
  switch (cmd.toUpperCase()) {
    case 'PING':
      return [args[0] ?? 'PONG'];
    case 'SET':
      store.set(args[0], args.slice(1).join(' '));
      return ['OK'];
    case 'GET':
      return [store.has(args[0]) ? `"${store.get(args[0])}"` : '(nil)'];
    case 'DEL':
      return [`(integer) ${Number(store.delete(args[0]))}`];
    case 'KEYS':
      return store.size ? [...store.keys()].map((k, i) => `${i + 1}) "${k}"`) : ['(empty array)'];
    case 'INFO':
      return ['# Server', 'redis_version:7.4.1', 'redis_mode:standalone', 'tcp_port:6379'];
    default:
      return [`(error) ERR unknown command '${cmd}', with args beginning with: ${args.map((a) => `'${a}'`).join(' ')}`.trimEnd()];
  }
}

/** `redis-cli [-h HOST] [-p PORT] [CMD …]`: one command, or one per stdin line. */
export const redisCli: Applet = function* (ctx) {
  let host = '127.0.0.1';
  let port = 6379;
  const words: string[] = [];
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i];
    if (a === '-h') host = ctx.args[++i];
    else if (a === '-p') port = Number(ctx.args[++i]);
    else words.push(a);
  }
  const ip = lookup(ctx, host);
  const l = ip === undefined ? undefined : connect(ctx, ip, port);
  if (!l?.command) {
    err(ctx, ip === undefined ? `Could not connect to Redis at ${host}:${port}: Name or service not known` : `Could not connect to Redis at ${host}:${port}: Connection refused`);
    return 1;
  }
  const lines = words.length ? [words.join(' ')] : ctx.io.stdin.split('\n').filter((x) => x.trim());
  for (const line of lines) for (const r of l.command(line, ctx.proc.clock)) out(ctx, r);
  return 0;
};

export const print = (spec: Spec<'print'>): Applet =>
  function* (ctx) {
    for (const line of spec.output) out(ctx, fill(ctx, line));
    return 0;
  };

/** docker-entrypoint.sh: prints its banner for the programs it configures, then execs its arguments. */
export const entrypoint = (spec: Spec<'entrypoint'>, exec: (ctx: AppletContext, argv: readonly string[]) => Gen): Applet =>
  function* (ctx) {
    const first = ctx.args[0];
    const argv = spec.prependFor && first !== undefined && (first.startsWith('-') || first.endsWith('.conf')) ? [spec.prependFor, ...ctx.args] : ctx.args;
    const prog = argv[0]?.slice(argv[0].lastIndexOf('/') + 1);
    if (prog !== undefined && (spec.bannerFor ?? []).includes(prog)) for (const line of spec.banner ?? []) out(ctx, fill(ctx, line));
    if (argv.length === 0) return yield* serveForever(ctx);
    return yield* exec(ctx, argv);
  };

/** `-e`/`-c`/`-wle` script arguments: the text of the first one. */
function scriptOf(args: readonly string[], flags: RegExp): string | undefined {
  const i = args.findIndex((a) => flags.test(a));
  return i >= 0 ? args[i + 1] : undefined;
}

/** Strings a one-liner prints: `print("…")`, `console.log('…')`, `print "…"`. */
function printed(script: string, call: RegExp): string[] {
  const lines: string[] = [];
  for (const m of script.matchAll(call)) lines.push(m[2]);
  return lines;
}

/**
 * perl one-liners: `-Mbignum=bpi -wle 'print bpi(N)'` (the docs' pi Job) prints N digits of pi;
 * `print "…"` prints. A script file or anything else runs until stopped, as a perl daemon would.
 */
export const perl: Applet = function* (ctx) {
  if (ctx.args.includes('-v') || ctx.args.includes('--version')) {
    out(ctx, '');
    out(ctx, 'This is perl 5, version 40, subversion 0 (v5.40.0) built for x86_64-linux-gnu-thread-multi');
    return 0;
  }
  const script = scriptOf(ctx.args, /^-[a-zA-Z]*e$/);
  if (script === undefined) return ctx.args.length === 0 || ctx.args.includes('-de0') ? 0 : yield* serveForever(ctx);
  const newline = ctx.args.some((a) => /^-[a-zA-Z]*l[a-zA-Z]*$/.test(a));
  const pi = /print\s+bpi\((\d+)\)/.exec(script);
  if (pi) {
    if (!ctx.args.some((a) => a.startsWith('-Mbignum'))) {
      err(ctx, `Undefined subroutine &main::bpi called at -e line 1.`);
      return 255;
    }
    // bignum's bpi(N) rounds to N significant digits.
    yield* ctx.proc.burn(Number(pi[1]) / 10);
    ctx.io.stdout(piDigits(Number(pi[1])) + (newline ? '\n' : ''));
    return 0;
  }
  for (const s of printed(script, /print\s*\(?\s*(["'])(.*?)\1/g)) ctx.io.stdout(s.replace(/\\n/g, '\n') + (newline ? '\n' : ''));
  return 0;
};

/** python/python3: `--version`, `-c 'print(…)'`, `-m http.server [PORT]`; a script runs until stopped. */
export const python = (spec: Spec<'python'>): Applet =>
  function* (ctx) {
    if (ctx.args[0] === '--version' || ctx.args[0] === '-V') return out(ctx, spec.version), 0;
    const m = ctx.args.indexOf('-m');
    if (m >= 0 && ctx.args[m + 1] === 'http.server') {
      const port = Number(ctx.args[m + 2] ?? 8000);
      listen(ctx, port, (path) => {
        const text = ctx.proc.env.fs.read(`${ctx.cwd === '/' ? '' : ctx.cwd}${path === '/' ? '/index.html' : path}`);
        return text !== 'ENOENT' && text !== 'EISDIR' ? ok(text) : ok(`<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<title>Directory listing for ${path}</title>\n</head>\n</html>\n`);
      });
      out(ctx, `Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`);
      return yield* serveForever(ctx);
    }
    const script = scriptOf(ctx.args, /^-c$/);
    if (script !== undefined) return yield* pythonOneLiner(ctx, script);
    // No script and no terminal: reads an empty stdin and exits.
    if (ctx.args.length === 0) return 0;
    return yield* serveForever(ctx);
  };

/** `python -c '…'` (python-one-liner.ts): its prints, sleeps on the cluster's clock and exit code. */
function* pythonOneLiner(ctx: AppletContext, script: string): Gen {
  for (const effect of runPython(script, ctx.proc.env.env)) {
    switch (effect.kind) {
      case 'print':
        out(ctx, effect.text);
        break;
      case 'sleep':
        yield { until: ctx.proc.clock + scaledMs(effect.seconds, ctx.proc.env.timeScale) };
        break;
      case 'exit':
        if (effect.message !== undefined) err(ctx, effect.message);
        return effect.code;
      default: {
        const _exhaustive: never = effect;
        return _exhaustive;
      }
    }
  }
  return 0;
}

/** node: `--version`, `-e "console.log(…)"`; `node server.js` runs until stopped. */
export const node = (spec: Spec<'node'>): Applet =>
  function* (ctx) {
    if (ctx.args[0] === '--version' || ctx.args[0] === '-v') return out(ctx, spec.version), 0;
    const script = scriptOf(ctx.args, /^(-e|--eval|-p)$/);
    if (script !== undefined) {
      for (const s of printed(script, /console\.log\(\s*(["'`])(.*?)\1\s*\)/g)) out(ctx, s);
      return 0;
    }
    if (ctx.args.length === 0) return 0;
    return yield* serveForever(ctx);
  };

/** hashicorp/http-echo: `-text=…` answered on `-listen=:5678`. */
export const httpEcho: Applet = function* (ctx) {
  const flag = (name: string) => {
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i].replace(/^--?/, '-');
      if (a.startsWith(`-${name}=`)) return a.slice(name.length + 2);
      if (a === `-${name}`) return ctx.args[i + 1];
    }
    return undefined;
  };
  const text = flag('text');
  if (text === undefined) {
    err(ctx, 'Missing -text option!');
    return 127;
  }
  const port = Number((flag('listen') ?? ':5678').split(':').pop());
  listen(ctx, port, () => ok(`${text}\n`));
  out(ctx, `2025/01/01 00:00:00 [INFO] server is listening on :${port}`);
  return yield* serveForever(ctx);
};

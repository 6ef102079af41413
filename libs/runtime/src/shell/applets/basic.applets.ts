import { scaledMs } from '../../timestamps';
import { err, out, type Applet, type AppletContext } from '../applet';
import type { Process } from '../process';
import { signalName } from '../commands';
import { testExpression } from './test.applet';

const SLEEP_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Busybox `sleep`: fractional numbers, `s/m/h/d` suffixes, `infinity`; several arguments add up. */
export const sleep: Applet = function* (ctx) {
  if (ctx.args.length === 0) return usage(ctx, 'sleep: missing operand');
  let seconds = 0;
  for (const arg of ctx.args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (/^inf(inity)?$/.test(arg)) seconds = Infinity;
    else if (m) seconds += Number(m[1]) * SLEEP_UNITS[m[2]];
    else return usage(ctx, `sleep: invalid number '${arg}'`);
  }
  const until = Number.isFinite(seconds) ? ctx.proc.clock + scaledMs(seconds, ctx.proc.env.timeScale) : Infinity;
  yield { until };
  return 0;
};

export const echo: Applet = function* (ctx) {
  let args = [...ctx.args];
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  ctx.io.stdout(text + (newline ? '\n' : ''));
  return 0;
};

export const printf: Applet = function* (ctx) {
  const [format = '', ...args] = ctx.args;
  let i = 0;
  const text = format.replace(/%[sd%]/g, (m) => (m === '%%' ? '%' : (args[i++] ?? ''))).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  ctx.io.stdout(text);
  return 0;
};

export const trueApplet: Applet = function* () {
  return 0;
};

export const falseApplet: Applet = function* () {
  return 1;
};

export const test: Applet = function* (ctx) {
  let args = [...ctx.args];
  if (ctx.name === '[' || ctx.name.endsWith('/[')) {
    if (args[args.length - 1] !== ']') return usage(ctx, '[: missing ]', 2);
    args = args.slice(0, -1);
  }
  const r = testExpression(args, ctx.proc.env.fs, ctx.cwd);
  if (typeof r === 'string') return usage(ctx, `${ctx.name === 'test' ? 'test' : '['}: ${r}`, 2);
  return r ? 0 : 1;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Busybox `date` in UTC: `Wed May  1 10:00:00 UTC 2024`; `+%s` and simple `+FORMAT`s. */
export const date: Applet = function* (ctx) {
  const d = new Date(ctx.proc.clock);
  const pad = (n: number) => String(n).padStart(2, '0');
  const fields: Record<string, string> = {
    s: String(Math.floor(ctx.proc.clock / 1000)),
    Y: String(d.getUTCFullYear()),
    m: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    T: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
  const format = ctx.args.find((a) => a.startsWith('+'));
  if (format) {
    out(ctx, format.slice(1).replace(/%([a-zA-Z%])/g, (m, f: string) => (f === '%' ? '%' : (fields[f] ?? m))));
    return 0;
  }
  const day = String(d.getUTCDate()).padStart(2, ' ');
  out(ctx, `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${fields.T} UTC ${fields.Y}`);
  return 0;
};

export const env: Applet = function* (ctx) {
  for (const [k, v] of Object.entries(ctx.proc.env.env)) out(ctx, `${k}=${v}`);
  return 0;
};

/** `kill [-SIG|-s SIG] PID…`: only PID 1 (the container's main process) is visible. */
export const kill: Applet = function* (ctx) {
  let sig = 'TERM';
  const args = [...ctx.args];
  if (args[0] === '-s') (sig = args[1] ?? 'TERM'), args.splice(0, 2);
  else if (args[0]?.startsWith('-')) sig = args.shift()!.slice(1);
  const name = signalName(sig);
  if (!name || name === 'EXIT') return usage(ctx, `kill: bad signal name '${sig}'`);
  let status = 0;
  for (const pid of args) {
    if (pid === '1') ctx.proc.signal(name as 'TERM', ctx.proc.clock);
    else (err(ctx, `kill: can't kill pid ${pid}: No such process`), (status = 1));
  }
  return status;
};

/** `killall [-SIG] NAME`: the only processes visible are the programs holding the pod's ports. */
export const killall: Applet = function* (ctx) {
  const sig = ctx.args.find((a) => a.startsWith('-'))?.slice(1) ?? 'TERM';
  const names = ctx.args.filter((a) => !a.startsWith('-'));
  let status = 0;
  for (const n of names) {
    const owners = [...ctx.proc.env.pod.listeners.values()].filter((l) => l.alive() && l.program.split('/').pop() === n).map((l) => l.owner as Process);
    if (owners.length === 0) {
      err(ctx, `killall: ${n}: no process killed`);
      status = 1;
    } else if (sig !== '0') for (const o of owners) o.signal((signalName(sig) ?? 'TERM') as 'TERM', ctx.proc.clock);
  }
  return status;
};

function usage(ctx: AppletContext, message: string, code = 1): number {
  err(ctx, message);
  return code;
}

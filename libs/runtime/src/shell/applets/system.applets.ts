import { withSubprocesses } from '../process-list';
import { err, out, type Applet, type AppletContext } from '../applet';
import type { ProcessInfo } from '../process-types';
import { connect, lookup } from './network.applets';

/** Busybox's view of the container: who it runs as, the kernel, mounts, processes, interfaces. */

const KERNEL = '6.8.0-kubesim';

export const printenv: Applet = function* (ctx) {
  const env = ctx.proc.env.env;
  if (ctx.args.length === 0) {
    for (const [k, v] of Object.entries(env)) out(ctx, `${k}=${v}`);
    return 0;
  }
  let status = 0;
  for (const name of ctx.args) {
    if (Object.hasOwn(env, name)) out(ctx, env[name]);
    else status = 1;
  }
  return status;
};

const user = (ctx: AppletContext) => ctx.proc.env.user ?? { uid: 0, gid: 0 };
const userName = (uid: number, name?: string) => name ?? (uid === 0 ? 'root' : undefined);

export const id: Applet = function* (ctx) {
  const u = user(ctx);
  const name = userName(u.uid, u.name);
  const g = u.gid === 0 ? '0(root)' : String(u.gid);
  if (ctx.args.includes('-u')) return out(ctx, String(u.uid)), 0;
  if (ctx.args.includes('-g')) return out(ctx, String(u.gid)), 0;
  out(ctx, `uid=${u.uid}${name ? `(${name})` : ''} gid=${g} groups=${g}`);
  return 0;
};

export const whoami: Applet = function* (ctx) {
  const u = user(ctx);
  const name = userName(u.uid, u.name);
  if (!name) return err(ctx, `whoami: unknown uid ${u.uid}`), 1;
  out(ctx, name);
  return 0;
};

export const uname: Applet = function* (ctx) {
  const host = ctx.proc.env.pod.hostname;
  const parts: Record<string, string> = { s: 'Linux', n: host, r: KERNEL, v: '#1 SMP PREEMPT_DYNAMIC', m: 'x86_64', o: 'GNU/Linux' };
  const flags = ctx.args.filter((a) => a.startsWith('-')).join('').replace(/-/g, '');
  if (flags.includes('a')) return out(ctx, ['s', 'n', 'r', 'v', 'm', 'o'].map((k) => parts[k]).join(' ')), 0;
  const chosen = ['s', 'n', 'r', 'v', 'm', 'o'].filter((k) => flags.includes(k));
  out(ctx, (chosen.length ? chosen : ['s']).map((k) => parts[k]).join(' '));
  return 0;
};

export const hostname: Applet = function* (ctx) {
  out(ctx, ctx.args.includes('-i') ? ctx.proc.env.pod.ip : ctx.proc.env.pod.hostname);
  return 0;
};

export const df: Applet = function* (ctx) {
  const human = ctx.args.some((a) => /^-[a-zA-Z]*h/.test(a));
  out(ctx, human ? 'Filesystem                Size      Used Available Use% Mounted on' : 'Filesystem           1K-blocks      Used Available Use% Mounted on');
  out(ctx, human ? 'overlay                  58.4G     12.1G     43.3G  22% /' : 'overlay               61202244  12685032  45375880  22% /');
  out(ctx, human ? 'tmpfs                    64.0M         0     64.0M   0% /dev' : 'tmpfs                    65536         0     65536   0% /dev');
  return 0;
};

export const mount: Applet = function* (ctx) {
  const snap = '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots';
  out(ctx, `overlay on / type overlay (rw,relatime,lowerdir=${snap}/1/fs,upperdir=${snap}/2/fs,workdir=${snap}/2/work)`);
  out(ctx, 'proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)');
  out(ctx, 'tmpfs on /dev type tmpfs (rw,nosuid,size=65536k,mode=755)');
  for (const m of ctx.proc.env.fs.mountPaths()) out(ctx, `/dev/sda1 on ${m} type ext4 (rw,relatime)`);
  return 0;
};

/** The processes the container sees: its namespace's (pause as PID 1 when shared), else its own. */
function processes(ctx: AppletContext): readonly ProcessInfo[] {
  const listed = ctx.proc.env.processes?.();
  if (listed && listed.length) return listed;
  const [own, ...forked] = withSubprocesses(ctx.proc, 1);
  return [{ ...own, user: userName(user(ctx).uid) ?? String(user(ctx).uid) }, ...forked];
}

/** A zombie has no command line left: busybox prints its name in brackets, as for a kernel thread. */
const command = (p: ProcessInfo) => (p.state === 'Z' ? `[${(p.argv[0] ?? '').slice((p.argv[0] ?? '').lastIndexOf('/') + 1)}]` : p.argv.join(' '));

const time = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export const ps: Applet = function* (ctx) {
  out(ctx, 'PID   USER     TIME  COMMAND');
  for (const p of processes(ctx)) out(ctx, `${String(p.pid).padStart(5)} ${p.user.padEnd(8)} ${time(p.cpuMs).padStart(5)} ${command(p)}`);
  return 0;
};

export const top: Applet = function* (ctx) {
  const procs = processes(ctx);
  out(ctx, 'Mem: 1843312K used, 6150892K free, 2360K shrd, 92420K buff, 1141844K cached');
  out(ctx, 'CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq');
  out(ctx, 'Load average: 0.08 0.04 0.01 1/312 7');
  out(ctx, '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND');
  for (const p of procs) out(ctx, `${String(p.pid).padStart(5)} ${String(p.pid === 1 ? 0 : 1).padStart(5)} ${p.user.padEnd(8)} ${p.state === 'Z' ? 'Z        0   0%' : 'S     4388   0%'}   0   0% ${command(p)}`);
  // Without -b -n N top redraws until stopped.
  if (!ctx.args.some((a) => a.startsWith('-n')) && !ctx.args.includes('-n1')) yield { until: Infinity, interruptible: true };
  return 0;
};

/** `ip addr` / `ip a` / `ip -4 addr show eth0`, `ip route`. */
export const ip: Applet = function* (ctx) {
  const { ip: podIp } = ctx.proc.env.pod;
  const obj = ctx.args.find((a) => !a.startsWith('-'));
  if (obj === 'route' || obj === 'r') {
    const gw = podIp.replace(/\.\d+$/, '.1');
    out(ctx, `default via ${gw} dev eth0`);
    out(ctx, `${podIp.replace(/\.\d+$/, '.0')}/24 dev eth0 scope link  src ${podIp}`);
    return 0;
  }
  if (obj !== undefined && !['addr', 'a', 'address', 'link', 'l'].includes(obj)) return err(ctx, `ip: unknown command "${obj}"`), 1;
  const mac = '0a:58:' + podIp.split('.').map((n) => Number(n).toString(16).padStart(2, '0')).join(':');
  out(ctx, '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000');
  out(ctx, '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00');
  out(ctx, '    inet 127.0.0.1/8 scope host lo');
  out(ctx, '       valid_lft forever preferred_lft forever');
  out(ctx, '2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue');
  out(ctx, `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`);
  out(ctx, `    inet ${podIp}/24 brd ${podIp.replace(/\.\d+$/, '.255')} scope global eth0`);
  out(ctx, '       valid_lft forever preferred_lft forever');
  return 0;
};

/** busybox nc: `-z` probes a port, `-l -p PORT` listens until stopped, else sends stdin (a line protocol answers). */
export const nc: Applet = function* (ctx) {
  const operands = ctx.args.filter((a, i) => !a.startsWith('-') && !['-w', '-p', '-W'].includes(ctx.args[i - 1]));
  if (ctx.args.includes('-l')) {
    const p = ctx.args.indexOf('-p');
    const port = Number(p >= 0 ? ctx.args[p + 1] : operands[0]);
    ctx.proc.env.pod.listeners.set(port, { port, program: 'nc', http: () => ({ status: 200, body: '' }), alive: () => ctx.proc.exit === undefined, owner: ctx.proc });
    yield { until: Infinity, interruptible: true };
    return 0;
  }
  const [host, portText] = operands;
  if (!host || !portText) return err(ctx, 'BusyBox v1.36.1 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen'), 1;
  const ipAddr = lookup(ctx, host);
  if (ipAddr === undefined) return err(ctx, `nc: bad address '${host}'`), 1;
  const l = connect(ctx, ipAddr, Number(portText));
  if (!l) {
    if (!ctx.args.includes('-z')) err(ctx, `nc: can't connect to remote host (${ipAddr}): Connection refused`);
    return 1;
  }
  if (ctx.args.includes('-z')) return 0;
  const request = ctx.io.stdin;
  if (l.command) for (const line of request.split('\n').filter((x) => x.trim())) for (const r of l.command(line, ctx.proc.clock)) out(ctx, r);
  else if (/^(GET|HEAD) /.test(request)) {
    const res = l.http(request.split(' ')[1] ?? '/', ctx.proc.clock);
    ctx.io.stdout(`HTTP/1.1 ${res.status} OK\r\nContent-Length: ${res.body.length}\r\n\r\n${res.body}`);
  }
  return 0;
};

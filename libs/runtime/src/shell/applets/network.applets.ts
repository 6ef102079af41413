import { normalize } from '../filesystem';
import { err, out, type Applet, type AppletContext } from '../applet';
import type { Listener } from '../process-types';

/** The cluster DNS Service (kube-dns), as every pod's resolv.conf names it. */
export const CLUSTER_DNS_IP = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';

/** The name nslookup prints: `svc` and `svc.ns` completed by the pod's search path. */
export function fullyQualified(name: string, namespace: string): string {
  const n = name.replace(/\.$/, '');
  if (n.endsWith(`.svc.${CLUSTER_DOMAIN}`)) return n;
  const dots = n.split('.').length - 1;
  if (dots === 0) return `${n}.${namespace}.svc.${CLUSTER_DOMAIN}`;
  if (dots === 1) return `${n}.svc.${CLUSTER_DOMAIN}`;
  return n;
}

/** Busybox 1.28's nslookup output: the server block, then the answer or "can't resolve". */
export const nslookup: Applet = function* (ctx) {
  const name = ctx.args.find((a) => !a.startsWith('-'));
  if (!name) {
    err(ctx, 'BusyBox v1.28.4 multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]');
    return 1;
  }
  out(ctx, `Server:    ${CLUSTER_DNS_IP}`);
  out(ctx, `Address 1: ${CLUSTER_DNS_IP} kube-dns.kube-system.svc.${CLUSTER_DOMAIN}`);
  out(ctx, '');
  const { env } = ctx.proc;
  const ip = lookup(ctx, name);
  if (ip === undefined) {
    err(ctx, `nslookup: can't resolve '${name}'`);
    return 1;
  }
  const fqdn = /^\d+\.\d+\.\d+\.\d+$/.test(name) || name === 'localhost' ? name : (env.cluster.canonicalName?.(name, env.namespace) ?? fullyQualified(name, env.namespace));
  out(ctx, `Name:      ${name}`);
  out(ctx, `Address 1: ${ip} ${fqdn}`);
  return 0;
};

export function lookup(ctx: AppletContext, name: string): string | undefined {
  const { env } = ctx.proc;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
  if (name === 'localhost') return '127.0.0.1';
  if (name === env.pod.hostname) return env.pod.ip;
  return env.cluster.resolve(name, env.namespace);
}

/** What answers at host:port from inside this container: its own pod on localhost, else the cluster. */
export function connect(ctx: AppletContext, ip: string, port: number): Listener | undefined {
  const { env } = ctx.proc;
  const local = ip === '127.0.0.1' || ip === env.pod.ip ? env.pod.listeners.get(port) : env.cluster.reach(ip, port);
  return local?.alive() ? local : undefined;
}

const REASONS: Record<number, string> = { 200: 'OK', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

/** Busybox wget over the simulated network: `-q`, `-O FILE|-`, `-T`, `--spider`. */
export const wget: Applet = function* (ctx) {
  let quiet = false;
  let output: string | undefined;
  let spider = false;
  let url: string | undefined;
  const args = [...ctx.args];
  while (args.length) {
    const a = args.shift()!;
    if (a === '--spider') spider = true;
    else if (a.startsWith('--timeout') || a === '-T') a === '-T' && args.shift();
    else if (/^-[a-zA-Z]/.test(a)) {
      if (a.includes('q')) quiet = true;
      if (a.includes('O')) output = a.endsWith('O') ? args.shift() : a.slice(a.indexOf('O') + 1);
      if (a.includes('T') && a.endsWith('T')) args.shift();
    } else url = a;
  }
  const m = url ? /^(?:http:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url) : null;
  if (!m) {
    err(ctx, `wget: bad address '${url ?? ''}'`);
    return 1;
  }
  const [, host, portText, pathText] = m;
  const port = Number(portText ?? 80);
  const ip = lookup(ctx, host);
  if (ip === undefined) {
    err(ctx, `wget: bad address '${host}'`);
    return 1;
  }
  if (!quiet) err(ctx, `Connecting to ${host}${portText ? `:${port}` : ''} (${ip}:${port})`);
  const listener = connect(ctx, ip, port);
  if (!listener) {
    err(ctx, `wget: can't connect to remote host (${ip}): Connection refused`);
    return 1;
  }
  const res = listener.http(pathText ?? '/', ctx.proc.clock);
  if (res.status >= 400) {
    err(ctx, `wget: server returned error: HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`.trimEnd());
    return 1;
  }
  if (spider) {
    if (!quiet) err(ctx, 'remote file exists');
    return 0;
  }
  if (output === '-') {
    ctx.io.stdout(res.body);
    return 0;
  }
  const file = output ?? (pathText && pathText !== '/' ? pathText.slice(pathText.lastIndexOf('/') + 1) : 'index.html');
  if (!quiet) err(ctx, `saving to '${file}'`);
  ctx.proc.env.fs.write(normalize(file, ctx.cwd), res.body);
  if (!quiet) err(ctx, `'${file}' saved`);
  return 0;
};

/** curl: `-s`, `-S`, `-f`, `-o FILE`, `-w '%{http_code}'`, `-I`, `-L`, `-v`; exit 6 (resolve), 7 (connect), 22 (`-f` and ≥ 400). */
export const curl: Applet = function* (ctx) {
  let silent = false;
  let fail = false;
  let head = false;
  let output: string | undefined;
  let format: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i];
    if (a === '-o' || a === '--output') output = ctx.args[++i];
    else if (a === '-w' || a === '--write-out') format = ctx.args[++i];
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout' || a === '-H' || a === '-X' || a === '-d') i++;
    else if (a === '--silent') silent = true;
    else if (a === '--fail') fail = true;
    else if (a === '--head') head = true;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('s')) silent = true;
      if (a.includes('f')) fail = true;
      if (a.includes('I')) head = true;
    } else url = a;
  }
  const m = url ? /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url) : null;
  const complain = (code: number, message: string) => {
    if (!silent || ctx.args.some((a) => /^-[a-zA-Z]*S/.test(a))) err(ctx, `curl: (${code}) ${message}`);
    if (format) ctx.io.stdout(format.replace('%{http_code}', '000'));
    return code;
  };
  if (!m) return complain(3, 'URL rejected: Malformed input to a URL function');
  const [, scheme = 'http', host, portText, pathText = '/'] = m;
  const port = Number(portText ?? (scheme === 'https' ? 443 : 80));
  const ipAddr = lookup(ctx, host);
  if (ipAddr === undefined) return complain(6, `Could not resolve host: ${host}`);
  const listener = connect(ctx, ipAddr, port);
  if (!listener) return complain(7, `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`);
  const res = listener.http(pathText, ctx.proc.clock);
  if (fail && res.status >= 400) return complain(22, `The requested URL returned error: ${res.status}`);
  const body = head ? `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\r\nContent-Length: ${res.body.length}\r\n\r\n` : res.body;
  if (output && output !== '-') {
    if (output !== '/dev/null') ctx.proc.env.fs.write(normalize(output, ctx.cwd), body);
  } else ctx.io.stdout(body);
  if (format) ctx.io.stdout(format.replace('%{http_code}', String(res.status)).replace(/\\n/g, '\n'));
  return 0;
};

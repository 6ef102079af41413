import type { ImageEntry, ProgramSpec } from '../../image-catalog';
import type { Applet, AppletContext } from '../applet';
import { NOT_FOUND_STATUS, type Gen } from '../process-types';
import * as basic from './basic.applets';
import * as files from './files.applets';
import * as network from './network.applets';
import * as programs from './programs.applets';
import * as servers from './servers.applets';
import * as system from './system.applets';
import * as text from './text.applets';

/** Busybox applets: present in every image kubesim knows (they stand in for coreutils too). */
const BUSYBOX: Record<string, Applet> = {
  sleep: basic.sleep,
  echo: basic.echo,
  printf: basic.printf,
  true: basic.trueApplet,
  false: basic.falseApplet,
  test: basic.test,
  '[': basic.test,
  date: basic.date,
  hostname: system.hostname,
  env: basic.env,
  printenv: system.printenv,
  id: system.id,
  whoami: system.whoami,
  uname: system.uname,
  df: system.df,
  mount: system.mount,
  ps: system.ps,
  top: system.top,
  ip: system.ip,
  nc: system.nc,
  grep: text.grep,
  egrep: text.grep,
  head: text.head,
  tail: text.tail,
  wc: text.wc,
  sort: text.sort,
  uniq: text.uniq,
  cut: text.cut,
  tr: text.tr,
  sed: text.sed,
  awk: text.awk,
  seq: text.seq,
  cp: files.cp,
  mv: files.mv,
  ln: files.ln,
  find: files.find,
  basename: files.basename,
  dirname: files.dirname,
  kill: basic.kill,
  killall: basic.killall,
  cat: files.cat,
  touch: files.touch,
  rm: files.rm,
  mkdir: files.mkdir,
  ls: files.ls,
  nslookup: network.nslookup,
  wget: network.wget,
};

/** The implementation of a program the image's catalog entry declares. */
function programApplet(spec: ProgramSpec): Applet {
  switch (spec.run) {
    case 'server':
      return programs.server(spec);
    case 'print':
      return programs.print(spec);
    case 'entrypoint':
      return programs.entrypoint(spec, execArgv);
    case 'nginx':
      return servers.nginx;
    case 'python':
      return programs.python(spec);
    case 'node':
      return programs.node(spec);
    case 'agnhost':
      return servers.agnhost;
    case 'stress':
      return servers.stress;
    case 'redis-cli':
      return programs.redisCli;
    case 'perl':
      return programs.perl;
    case 'http-echo':
      return programs.httpEcho;
    case 'curl':
      return network.curl;
    default: {
      const _exhaustive: never = spec;
      return _exhaustive;
    }
  }
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * The program `command` names inside an image: a busybox applet, or one of the image's own
 * programs (its catalog entry's `programs`). An image kubesim does not know may hold any
 * program: an unknown command there is taken to be the app, which runs until stopped.
 */
export function findApplet(command: string, image: ImageEntry | undefined): Applet | undefined {
  const name = basename(command);
  if (image && Object.hasOwn(image.programs, name)) return programApplet(image.programs[name]);
  if (Object.hasOwn(BUSYBOX, name)) return BUSYBOX[name];
  if (image === undefined) return servers.genericServer;
  return undefined;
}

/** Runs argv as the same process (exec), for entrypoint wrappers. */
function* execArgv(ctx: AppletContext, argv: readonly string[]): Gen {
  const applet = findApplet(argv[0], ctx.proc.env.image);
  if (!applet) {
    ctx.io.stderr(`exec: ${argv[0]}: not found\n`);
    return NOT_FOUND_STATUS;
  }
  return yield* applet({ ...ctx, name: argv[0], args: argv.slice(1) });
}

import type { ImageEntry } from '../../image-catalog';
import type { Applet, AppletContext } from '../applet';
import { NOT_FOUND_STATUS, type Gen } from '../process-types';
import * as basic from './basic.applets';
import * as files from './files.applets';
import * as network from './network.applets';
import * as servers from './servers.applets';

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
  hostname: basic.hostname,
  env: basic.env,
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

/** Programs that only exist in their image (by the catalog's `servers`). */
const PROGRAMS: Record<string, Applet> = {
  nginx: servers.nginx,
  'nginx-debug': servers.nginx,
  agnhost: servers.agnhost,
  stress: servers.stress,
  'docker-entrypoint.sh': servers.dockerEntrypoint(execArgv),
};

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * The program `command` names inside an image. An image kubesim does not know may hold any
 * program: an unknown command there is taken to be the app, which runs until stopped.
 */
export function findApplet(command: string, image: ImageEntry | undefined): Applet | undefined {
  const name = basename(command);
  if (Object.hasOwn(BUSYBOX, name)) return BUSYBOX[name];
  if (image === undefined) return servers.genericServer;
  if (!image.servers.includes(name)) return undefined;
  return Object.hasOwn(PROGRAMS, name) ? PROGRAMS[name] : servers.genericServer;
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

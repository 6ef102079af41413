import type { Volume } from '../shell/filesystem';

const DATA_DIR = '..data';
const TIMESTAMPED = /^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d+$/;

/** `..2006_01_02_15_04_05.<digits>`: Go's layout of the hidden directory, with os.MkdirTemp's suffix. */
export function timestampedDirName(at: number, digits: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `..${d.getUTCFullYear()}_${p(d.getUTCMonth() + 1)}_${p(d.getUTCDate())}_${p(d.getUTCHours())}_${p(d.getUTCMinutes())}_${p(d.getUTCSeconds())}.${digits}`;
}

/** The payload the volume holds now (what `..data` points at). */
export function currentPayload(v: Volume): Record<string, string> {
  const prefix = `/${DATA_DIR}/`;
  return Object.fromEntries([...v.files].filter(([k]) => k.startsWith(prefix)).map(([k, text]) => [k.slice(prefix.length), text]));
}

/**
 * atomic_writer.go's layout, in a simulated volume: the real files in a hidden timestamped directory,
 * `..data` standing for the symlink to it, and each visible top-level name standing for its
 * `<name> -> ..data/<name>` symlink (kubesim's filesystem has no links, so they are copies kept in
 * step). An update writes a new timestamped directory, moves `..data` to it, drops the names no
 * longer in the payload and removes the old directory. Returns false when nothing changed.
 */
export function writeAtomically(v: Volume, payload: Record<string, string>, at: number, digits: number): boolean {
  const old = currentPayload(v);
  const wrote = [...v.dirs].some((d) => d === `/${DATA_DIR}`);
  if (wrote && sameFiles(old, payload)) return false;
  const dir = timestampedDirName(at, digits);
  const oldTop = new Set(Object.keys(old).map(topName));
  for (const path of [...v.files.keys()]) {
    const top = topName(path.slice(1));
    if (top === DATA_DIR || TIMESTAMPED.test(top) || oldTop.has(top)) v.files.delete(path);
  }
  for (const d of [...v.dirs]) {
    const top = topName(d.slice(1));
    if (d !== '/' && (top === DATA_DIR || TIMESTAMPED.test(top) || oldTop.has(top))) v.dirs.delete(d);
  }
  for (const [path, text] of Object.entries(payload)) {
    for (const base of [`/${dir}/`, `/${DATA_DIR}/`, '/']) put(v, base + path, text);
  }
  v.dirs.add(`/${dir}`);
  v.dirs.add(`/${DATA_DIR}`);
  return true;
}

function put(v: Volume, path: string, text: string) {
  v.files.set(path, text);
  for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) v.dirs.add(path.slice(0, i));
}

const topName = (rel: string) => rel.split('/')[0];

function sameFiles(a: Record<string, string>, b: Record<string, string>) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

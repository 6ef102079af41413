/**
 * A container's filesystem: a root volume seeded from the image, with volumes (a pod's
 * `emptyDir`s) mounted at paths. Volumes are plain shared objects, so two containers that mount
 * the same emptyDir see each other's files.
 */
export interface Volume {
  readonly files: Map<string, string>;
  readonly dirs: Set<string>;
}

export const newVolume = (files: Record<string, string> = {}): Volume => {
  const v: Volume = { files: new Map(), dirs: new Set(['/']) };
  for (const [path, text] of Object.entries(files)) {
    v.files.set(path, text);
    for (let d = parent(path); d !== '/'; d = parent(d)) v.dirs.add(d);
  }
  return v;
};

export type FsError = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST';

/** busybox's wording for each error. */
export const FS_ERROR_TEXT: Record<FsError, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
};

export class Filesystem {
  private readonly mounts: { path: string; volume: Volume }[];

  constructor(
    private readonly root: Volume,
    mounts: Record<string, Volume> = {},
  ) {
    // Longest mount path first, so the deepest mount wins.
    this.mounts = Object.entries(mounts)
      .map(([path, volume]) => ({ path: normalize(path), volume }))
      .sort((a, b) => b.path.length - a.path.length);
    for (const m of this.mounts) this.mkdirs(m.path);
  }

  private locate(path: string): [Volume, string] {
    for (const m of this.mounts) {
      if (path === m.path) return [m.volume, '/'];
      if (path.startsWith(m.path + '/')) return [m.volume, path.slice(m.path.length)];
    }
    return [this.root, path];
  }

  isDir(path: string): boolean {
    const [v, p] = this.locate(normalize(path));
    return v.dirs.has(p);
  }

  isFile(path: string): boolean {
    const [v, p] = this.locate(normalize(path));
    return v.files.has(p);
  }

  exists(path: string) {
    return this.isDir(path) || this.isFile(path);
  }

  read(path: string): string | FsError {
    const [v, p] = this.locate(normalize(path));
    if (v.dirs.has(p)) return 'EISDIR';
    return v.files.get(p) ?? 'ENOENT';
  }

  write(path: string, text: string, append = false): FsError | undefined {
    const full = normalize(path);
    const [v, p] = this.locate(full);
    if (v.dirs.has(p)) return 'EISDIR';
    if (!this.isDir(parent(full))) return 'ENOENT';
    v.files.set(p, append ? (v.files.get(p) ?? '') + text : text);
    return undefined;
  }

  remove(path: string, recursive = false): FsError | undefined {
    const full = normalize(path);
    const [v, p] = this.locate(full);
    if (v.files.delete(p)) return undefined;
    if (!v.dirs.has(p)) return 'ENOENT';
    if (!recursive) return 'EISDIR';
    for (const f of [...v.files.keys()]) if (f.startsWith(p + '/')) v.files.delete(f);
    for (const d of [...v.dirs]) if (d === p || d.startsWith(p + '/')) v.dirs.delete(d);
    return undefined;
  }

  mkdir(path: string, parents = false): FsError | undefined {
    const full = normalize(path);
    if (this.exists(full)) return parents && this.isDir(full) ? undefined : 'EEXIST';
    if (!parents && !this.isDir(parent(full))) return 'ENOENT';
    this.mkdirs(full);
    return undefined;
  }

  private mkdirs(full: string) {
    for (let d = full; d !== '/'; d = parent(d)) {
      const [v, p] = this.locate(d);
      v.dirs.add(p);
    }
  }

  /** Where volumes are mounted, shortest first. */
  mountPaths(): string[] {
    return this.mounts.map((m) => m.path).reverse();
  }

  /** Every path under `dir` (files and directories), sorted, for `find`. */
  walk(dir: string): string[] | FsError {
    const full = normalize(dir);
    if (this.isFile(full)) return [full];
    if (!this.isDir(full)) return 'ENOENT';
    const out: string[] = [full];
    const names = this.list(full);
    if (typeof names === 'string') return out;
    for (const n of names) {
      const sub = this.walk(full === '/' ? `/${n}` : `${full}/${n}`);
      if (typeof sub !== 'string') out.push(...sub);
    }
    return out;
  }

  /** Names directly inside a directory, sorted. */
  list(path: string): string[] | FsError {
    const full = normalize(path);
    if (this.isFile(full)) return [full.slice(full.lastIndexOf('/') + 1)];
    if (!this.isDir(full)) return 'ENOENT';
    const [v, p] = this.locate(full);
    const prefix = p === '/' ? '/' : p + '/';
    const names = new Set<string>();
    for (const k of [...v.files.keys(), ...v.dirs]) {
      if (k.startsWith(prefix) && k !== p) names.add(k.slice(prefix.length).split('/')[0]);
    }
    for (const m of this.mounts) if (parent(m.path) === full) names.add(m.path.slice(m.path.lastIndexOf('/') + 1));
    return [...names].sort();
  }
}

export function normalize(path: string, cwd = '/'): string {
  const parts: string[] = [];
  for (const seg of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

function parent(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

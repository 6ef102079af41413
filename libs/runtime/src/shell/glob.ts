import type { Filesystem } from './filesystem';

/** A shell pattern (`*`, `?`, `[…]`, `\x`) as a RegExp matching a whole name. */
export function globRegExp(pattern: string, ignoreCase = false): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += escape(pattern[++i]);
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, end);
        re += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = end;
      }
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`, ignoreCase ? 'i' : '');
}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** True when `pattern` has an unescaped `*`, `?` or `[`. */
export const hasGlob = (pattern: string) => /(^|[^\\])[*?[]/.test(pattern);

/**
 * Pathname expansion: the paths matching `pattern` (relative to `cwd`), sorted, dot-files only
 * when the pattern's segment starts with a dot; none → undefined (the word stays as typed).
 */
export function expandGlob(pattern: string, fs: Filesystem, cwd: string): string[] | undefined {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths = [absolute ? '' : '.'];
  for (const seg of absolute ? segments.slice(1) : segments) {
    const next: string[] = [];
    for (const p of paths) {
      const dir = p === '' ? '/' : p === '.' ? cwd : p.startsWith('/') ? p : `${cwd}/${p}`;
      if (!hasGlob(seg)) {
        const candidate = p === '.' ? seg : `${p}/${seg}`;
        if (fs.exists(candidate.startsWith('/') ? candidate : `${cwd}/${candidate}`)) next.push(candidate);
        continue;
      }
      const names = fs.isDir(dir) ? fs.list(dir) : [];
      if (typeof names === 'string') continue;
      const re = globRegExp(seg);
      for (const n of names) if (re.test(n) && (!n.startsWith('.') || seg.startsWith('.'))) next.push(p === '.' ? n : `${p}/${n}`);
    }
    paths = next;
  }
  return paths.length ? paths.sort() : undefined;
}

import { FS_ERROR_TEXT, normalize } from './filesystem';
import type { Stdio } from './process-types';
import type { Redirect } from './shell-ast';
import type { Shell } from './shell';

/** A redirect with its target expanded (a here-document's body for `<<`). */
export interface ResolvedRedirect {
  readonly fd: Redirect['fd'];
  readonly op: Redirect['op'];
  readonly word: string;
}

/** Applies `>`, `>>`, `<`, `<<`, `2>&1` … to a command's stdio; a string is the error message (`can't create …`). */
export function applyRedirects(sh: Shell, redirects: readonly ResolvedRedirect[], io: Stdio): Stdio | string {
  let r = io;
  for (const { fd, op, word } of redirects) {
    if (op === '<<') {
      r = { ...r, stdin: word, input: undefined };
      continue;
    }
    if (op === '>&') {
      const to = word === '1' ? r.stdout : word === '2' ? r.stderr : undefined;
      if (!to) return `${word}: bad file descriptor`;
      r = fd === 2 ? { ...r, stderr: to } : { ...r, stdout: to };
      continue;
    }
    const path = normalize(word, sh.cwd);
    const fs = sh.proc.env.fs;
    if (op === '<') {
      const text = fs.read(path);
      if (text === 'ENOENT' || text === 'EISDIR') return `can't open ${word}: ${FS_ERROR_TEXT[text]}`;
      r = { ...r, stdin: text, input: undefined };
      continue;
    }
    if (path === '/dev/null') {
      r = fd === 2 ? { ...r, stderr: () => {} } : { ...r, stdout: () => {} };
      continue;
    }
    if (path === '/dev/stdout' || path === '/proc/1/fd/1') (r = fd === 2 ? { ...r, stderr: sh.proc.stdout } : r);
    else if (path === '/dev/stderr' || path === '/proc/1/fd/2') (r = fd === 1 ? { ...r, stdout: sh.proc.stderr } : r);
    else {
      const err = fs.write(path, '', op === '>>');
      if (err) return `can't create ${word}: ${err === 'ENOENT' ? 'nonexistent directory' : FS_ERROR_TEXT[err]}`;
      const sink = (t: string) => void fs.write(path, t, true);
      r = fd === 2 ? { ...r, stderr: sink } : { ...r, stdout: sink };
    }
  }
  return r;
}

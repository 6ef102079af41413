import { FS_ERROR_TEXT, normalize } from '../filesystem';
import { err, out, type Applet, type AppletContext } from '../applet';

const operands = (ctx: AppletContext) => ctx.args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
const flags = (ctx: AppletContext) => ctx.args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
const path = (ctx: AppletContext, p: string) => normalize(p, ctx.cwd);

export const cat: Applet = function* (ctx) {
  const files = operands(ctx);
  if (files.length === 0) {
    ctx.io.stdout(ctx.io.stdin);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      ctx.io.stdout(ctx.io.stdin);
      continue;
    }
    const text = ctx.proc.env.fs.read(path(ctx, f));
    if (text === 'ENOENT' || text === 'EISDIR') {
      err(ctx, text === 'ENOENT' ? `cat: can't open '${f}': No such file or directory` : `cat: read error: Is a directory`);
      status = 1;
    } else ctx.io.stdout(text);
  }
  return status;
};

export const touch: Applet = function* (ctx) {
  let status = 0;
  for (const f of operands(ctx)) {
    const fs = ctx.proc.env.fs;
    if (fs.exists(path(ctx, f))) continue;
    const e = fs.write(path(ctx, f), '');
    if (e) (err(ctx, `touch: ${f}: ${FS_ERROR_TEXT[e]}`), (status = 1));
  }
  return status;
};

export const rm: Applet = function* (ctx) {
  const f = flags(ctx);
  const force = f.includes('f');
  const recursive = /[rR]/.test(f);
  let status = 0;
  for (const name of operands(ctx)) {
    const e = ctx.proc.env.fs.remove(path(ctx, name), recursive);
    if (e === 'ENOENT' && force) continue;
    if (e === 'EISDIR') (err(ctx, `rm: '${name}' is a directory`), (status = 1));
    else if (e) (err(ctx, `rm: can't remove '${name}': ${FS_ERROR_TEXT[e]}`), (status = 1));
  }
  return status;
};

export const mkdir: Applet = function* (ctx) {
  const parents = flags(ctx).includes('p');
  let status = 0;
  for (const name of operands(ctx)) {
    const e = ctx.proc.env.fs.mkdir(path(ctx, name), parents);
    if (e) (err(ctx, `mkdir: can't create directory '${name}': ${FS_ERROR_TEXT[e]}`), (status = 1));
  }
  return status;
};

export const ls: Applet = function* (ctx) {
  const names = operands(ctx);
  const targets = names.length ? names : ['.'];
  let status = 0;
  for (const t of targets) {
    const entries = ctx.proc.env.fs.list(path(ctx, t));
    if (typeof entries === 'string') {
      err(ctx, `ls: ${t}: No such file or directory`);
      status = 1;
      continue;
    }
    if (targets.length > 1 && ctx.proc.env.fs.isDir(path(ctx, t))) out(ctx, `${t}:`);
    // Names starting with a dot (a ConfigMap volume's `..data`) only with -a.
    const all = flags(ctx).includes('a');
    for (const e of entries) if (all || !e.startsWith('.')) out(ctx, e);
  }
  return status;
};

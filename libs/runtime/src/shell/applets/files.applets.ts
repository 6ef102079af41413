import { FS_ERROR_TEXT, normalize } from '../filesystem';
import { err, out, type Applet, type AppletContext } from '../applet';
import { globRegExp } from '../glob';

const operands = (ctx: AppletContext) => ctx.args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
const flags = (ctx: AppletContext) => ctx.args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
const path = (ctx: AppletContext, p: string) => normalize(p, ctx.cwd);

/** cat's stdin: what it was given, or (interactive) each chunk as it arrives, until the end of input. */
function* catStdin(ctx: AppletContext) {
  if (!ctx.io.input) return ctx.io.stdout(ctx.io.stdin);
  for (let chunk = yield* ctx.io.input.read(); chunk !== null; chunk = yield* ctx.io.input.read()) ctx.io.stdout(chunk);
}

export const cat: Applet = function* (ctx) {
  const files = operands(ctx);
  if (files.length === 0) {
    yield* catStdin(ctx);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      yield* catStdin(ctx);
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
    if (!ctx.proc.env.fs.isDir(path(ctx, t))) {
      out(ctx, t);
      continue;
    }
    if (targets.length > 1) out(ctx, `${t}:`);
    // Names starting with a dot (a ConfigMap volume's `..data`) only with -a.
    const all = flags(ctx).includes('a');
    for (const e of entries) if (all || !e.startsWith('.')) out(ctx, e);
  }
  return status;
};

/** `cp [-r] SRC… DEST`, `mv SRC… DEST`: into DEST when it is a directory. */
function copy(ctx: AppletContext, move: boolean): number {
  const names = operands(ctx);
  const name = move ? 'mv' : 'cp';
  if (names.length < 2) return err(ctx, `${name}: missing destination file operand`), 1;
  const fs = ctx.proc.env.fs;
  const dest = path(ctx, names.pop()!);
  let status = 0;
  for (const src of names) {
    const from = path(ctx, src);
    const to = fs.isDir(dest) ? `${dest}/${from.slice(from.lastIndexOf('/') + 1)}` : dest;
    const tree = fs.walk(from);
    if (typeof tree === 'string') {
      err(ctx, `${name}: can't stat '${src}': No such file or directory`);
      status = 1;
      continue;
    }
    if (fs.isDir(from) && !move && !/[rRa]/.test(flags(ctx))) {
      err(ctx, `${name}: omitting directory '${src}'`);
      status = 1;
      continue;
    }
    for (const p of tree) {
      const target = to + p.slice(from.length);
      if (fs.isDir(p)) fs.mkdir(target, true);
      else {
        const e = fs.write(target, fs.read(p) as string);
        if (e) (err(ctx, `${name}: can't create '${target}': ${FS_ERROR_TEXT[e]}`), (status = 1));
      }
    }
    if (move) fs.remove(from, true);
  }
  return status;
}

export const cp: Applet = function* (ctx) {
  return copy(ctx, false);
};

export const mv: Applet = function* (ctx) {
  return copy(ctx, true);
};

/** `ln [-s] TARGET LINK`: the simulated filesystem has no links, so the link is a copy of the target. */
export const ln: Applet = function* (ctx) {
  const [target, link] = operands(ctx);
  if (!target || !link) return err(ctx, 'ln: missing operand'), 1;
  const fs = ctx.proc.env.fs;
  const text = fs.read(path(ctx, target));
  if (fs.exists(path(ctx, link)) && !flags(ctx).includes('f')) return err(ctx, `ln: ${link}: File exists`), 1;
  fs.write(path(ctx, link), typeof text === 'string' && text !== 'ENOENT' && text !== 'EISDIR' ? text : '');
  return 0;
};

/** `find [DIR…] [-name GLOB] [-type f|d] [-maxdepth N]`. */
export const find: Applet = function* (ctx) {
  const args = [...ctx.args];
  const dirs: string[] = [];
  while (args.length && !args[0].startsWith('-')) dirs.push(args.shift()!);
  let name: RegExp | undefined;
  let type: string | undefined;
  let maxdepth = Infinity;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-name' || args[i] === '-iname') name = globRegExp(args[++i], args[i - 1] === '-iname');
    else if (args[i] === '-type') type = args[++i];
    else if (args[i] === '-maxdepth') maxdepth = Number(args[++i]);
  }
  const fs = ctx.proc.env.fs;
  let status = 0;
  for (const d of dirs.length ? dirs : ['.']) {
    const base = path(ctx, d);
    const all = fs.walk(base);
    if (typeof all === 'string') {
      err(ctx, `find: ${d}: No such file or directory`);
      status = 1;
      continue;
    }
    for (const p of all) {
      const depth = p === base ? 0 : p.slice(base.length).split('/').length - (base === '/' ? 0 : 1);
      if (depth > maxdepth) continue;
      if (name && !name.test(p.slice(p.lastIndexOf('/') + 1))) continue;
      if (type === 'f' && !fs.isFile(p)) continue;
      if (type === 'd' && !fs.isDir(p)) continue;
      out(ctx, d === '.' ? (p === base ? '.' : `.${p.slice(base === '/' ? 0 : base.length)}`) : d.replace(/\/$/, '') + p.slice(base.length));
    }
  }
  return status;
};

export const basename: Applet = function* (ctx) {
  const [p = '', suffix] = ctx.args;
  let b = p.replace(/\/+$/, '');
  b = b.slice(b.lastIndexOf('/') + 1) || '/';
  if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
  out(ctx, b);
  return 0;
};

export const dirname: Applet = function* (ctx) {
  const p = (ctx.args[0] ?? '').replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  out(ctx, i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i));
  return 0;
};

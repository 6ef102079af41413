import { normalize } from '../filesystem';
import { err, out, type Applet, type AppletContext } from '../applet';

/** Busybox text filters over stdin or files: grep, head, tail, wc, sort, uniq, cut, tr, sed and awk basics, seq. */

/** The text of the operands (stdin for none or `-`), or undefined after printing busybox's error. */
function input(ctx: AppletContext, files: readonly string[], name: string): string | undefined {
  if (files.length === 0) return ctx.io.stdin;
  let text = '';
  for (const f of files) {
    if (f === '-') {
      text += ctx.io.stdin;
      continue;
    }
    const t = ctx.proc.env.fs.read(normalize(f, ctx.cwd));
    if (t === 'ENOENT' || t === 'EISDIR') {
      err(ctx, `${name}: ${f}: ${t === 'ENOENT' ? 'No such file or directory' : 'Is a directory'}`);
      return undefined;
    }
    text += t;
  }
  return text;
}

const linesOf = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
const emit = (ctx: AppletContext, lines: readonly string[]) => ctx.io.stdout(lines.map((l) => l + '\n').join(''));

/** Splits `-n 5`, `-n5`, `-5` style options: short flags (with values for `withValue`) and operands. */
function parseArgs(args: readonly string[], withValue: string) {
  const flags: Record<string, string | true> = {};
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (/^-\d+$/.test(a)) flags.n = a.slice(1);
    else if (/^-[a-zA-Z]/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (withValue.includes(f)) {
          flags[f] = a.slice(j + 1) || args[++i] || '';
          break;
        }
        flags[f] = true;
      }
    } else operands.push(a);
  }
  return { flags, operands };
}

function patternRegExp(pattern: string, extended: boolean, ignoreCase: boolean, fixed: boolean): RegExp {
  let source = pattern;
  if (fixed) source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  else if (!extended) source = pattern.replace(/\\([|+?(){}])/g, '\u0000$1').replace(/([|+?(){}])/g, '\\$1').replace(/\u0000(.)/g, '$1');
  return new RegExp(source, ignoreCase ? 'i' : '');
}

export const grep: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args, 'e');
  const pattern = typeof flags.e === 'string' ? flags.e : operands.shift();
  if (pattern === undefined) return err(ctx, 'BusyBox v1.36.1 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...'), 2;
  const re = patternRegExp(pattern, Boolean(flags.E) || ctx.name === 'egrep', Boolean(flags.i), Boolean(flags.F));
  const text = input(ctx, operands, 'grep');
  if (text === undefined) return 2;
  const word = (l: string) => (flags.w ? new RegExp(`(^|\\W)(${re.source})(\\W|$)`, re.flags).test(l) : re.test(l));
  const matched = linesOf(text).filter((l) => word(l) !== Boolean(flags.v));
  if (flags.q) return matched.length ? 0 : 1;
  if (flags.c) out(ctx, String(matched.length));
  else if (flags.o) emit(ctx, matched.flatMap((l) => l.match(new RegExp(re.source, re.flags + 'g')) ?? []));
  else emit(ctx, matched);
  return matched.length ? 0 : 1;
};

export const head: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args, 'nc');
  const text = input(ctx, operands, 'head');
  if (text === undefined) return 1;
  if (typeof flags.c === 'string') return ctx.io.stdout(text.slice(0, Number(flags.c))), 0;
  emit(ctx, linesOf(text).slice(0, Number(flags.n ?? 10)));
  return 0;
};

export const tail: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args.map((a) => (/^\+\d+$/.test(a) ? `-n${a}` : a)), 'nc');
  const text = input(ctx, operands, 'tail');
  if (text === undefined) return 1;
  const lines = linesOf(text);
  const n = String(flags.n ?? '10');
  emit(ctx, n.startsWith('+') ? lines.slice(Number(n.slice(1)) - 1) : lines.slice(Math.max(0, lines.length - Number(n))));
  // -f/-F: follows the file until stopped.
  if (flags.f || flags.F) yield { until: Infinity, interruptible: true };
  return 0;
};

export const wc: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args, '');
  const text = input(ctx, operands, 'wc');
  if (text === undefined) return 1;
  const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: text.length };
  const chosen = (['l', 'w', 'c'] as const).filter((f) => flags[f]);
  const shown = chosen.length ? chosen : (['l', 'w', 'c'] as const);
  const suffix = operands.length ? ` ${operands.join(' ')}` : '';
  out(ctx, (shown.length === 1 ? String(counts[shown[0]]) : shown.map((f) => String(counts[f]).padStart(7)).join(' ')) + suffix);
  return 0;
};

export const sort: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args, 'tk');
  const text = input(ctx, operands, 'sort');
  if (text === undefined) return 1;
  const key = (l: string) => (typeof flags.k === 'string' ? (l.split(typeof flags.t === 'string' ? flags.t : /\s+/)[Number(flags.k.split(',')[0]) - 1] ?? '') : l);
  let lines = [...linesOf(text)].sort((a, b) => (flags.n ? parseFloat(key(a)) - parseFloat(key(b)) || (key(a) < key(b) ? -1 : 1) : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (flags.r) lines.reverse();
  if (flags.u) lines = lines.filter((l, i) => i === 0 || l !== lines[i - 1]);
  emit(ctx, lines);
  return 0;
};

export const uniq: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args, '');
  const text = input(ctx, operands, 'uniq');
  if (text === undefined) return 1;
  const groups: [string, number][] = [];
  for (const l of linesOf(text)) {
    const last = groups[groups.length - 1];
    if (last && last[0] === l) last[1]++;
    else groups.push([l, 1]);
  }
  emit(ctx, groups.filter(([, n]) => (flags.d ? n > 1 : flags.u ? n === 1 : true)).map(([l, n]) => (flags.c ? `${String(n).padStart(7)} ${l}` : l)));
  return 0;
};

/** `cut -d: -f1,3` and `cut -c1-3`. */
export const cut: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args, 'dfc');
  const text = input(ctx, operands, 'cut');
  if (text === undefined) return 1;
  const list = String(flags.f ?? flags.c ?? '');
  const picks = (n: number) => list.split(',').some((r) => {
    const [a, b] = r.split('-');
    const lo = a === '' ? 1 : Number(a);
    const hi = b === undefined ? lo : b === '' ? Infinity : Number(b);
    return n >= lo && n <= hi;
  });
  const delim = typeof flags.d === 'string' ? flags.d : '\t';
  emit(ctx, linesOf(text).map((l) => (flags.c ? [...l].filter((_, i) => picks(i + 1)).join('') : l.includes(delim) ? l.split(delim).filter((_, i) => picks(i + 1)).join(delim) : l)));
  return 0;
};

function trSet(spec: string): string[] {
  const s = spec.replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z').replace(/\[:digit:\]/g, '0-9').replace(/\[:space:\]/g, ' \t\n').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(s[i]);
  }
  return out;
}

export const tr: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args, '');
  const from = trSet(operands[0] ?? '');
  if (flags.d) return ctx.io.stdout([...ctx.io.stdin].filter((c) => !from.includes(c)).join('')), 0;
  const to = trSet(operands[1] ?? '');
  let text = [...ctx.io.stdin].map((c) => {
    const i = from.indexOf(c);
    return i < 0 ? c : (to[Math.min(i, to.length - 1)] ?? c);
  }).join('');
  if (flags.s) for (const c of new Set(to.length ? to : from)) text = text.replace(new RegExp(`${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}+`, 'g'), c);
  ctx.io.stdout(text);
  return 0;
};

/** sed: `s/re/rep/[g]` (any delimiter), `-e`, `-n` with `p`, `Nd`, `/re/d`, `-i` on files. */
export const sed: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args, 'e');
  const script = typeof flags.e === 'string' ? flags.e : operands.shift();
  if (script === undefined) return err(ctx, 'sed: no script specified'), 1;
  const text = input(ctx, operands, 'sed');
  if (text === undefined) return 1;
  const commands = script.split(/;\s*|\n/).filter(Boolean);
  const result: string[] = [];
  linesOf(text).forEach((line, idx) => {
    let l = line;
    let deleted = false;
    for (const c of commands) {
      const s = /^s(.)(.*?)\1(.*?)\1([gip]*)$/.exec(c);
      if (s) {
        const re = new RegExp(s[2].replace(/\\\(/g, '(').replace(/\\\)/g, ')'), (s[4].includes('g') ? 'g' : '') + (s[4].includes('i') ? 'i' : ''));
        const next = l.replace(re, s[3].replace(/\\(\d)/g, '$$$1').replace(/&/g, '$$&'));
        if (s[4].includes('p') && next !== l) result.push(next);
        l = next;
        continue;
      }
      const d = /^(?:(\d+)|\/(.*)\/)([dp])$/.exec(c);
      if (d && (d[1] ? Number(d[1]) === idx + 1 : new RegExp(d[2]).test(l))) {
        if (d[3] === 'd') deleted = true;
        else result.push(l);
      }
    }
    if (!deleted && !flags.n) result.push(l);
  });
  if (flags.i && operands.length) ctx.proc.env.fs.write(normalize(operands[0], ctx.cwd), result.map((l) => l + '\n').join(''));
  else emit(ctx, result);
  return 0;
};

/** awk basics: `-F SEP`, `{print $N, …}`, `/re/ {print}`, `NR==N`, `END {print NR}`, `$N` fields and string literals. */
export const awk: Applet = function* (ctx) {
  const { flags, operands } = parseArgs(ctx.args, 'F');
  const program = operands.shift() ?? '';
  const text = input(ctx, operands, 'awk');
  if (text === undefined) return 2;
  const sep = typeof flags.F === 'string' ? flags.F : undefined;
  const rules = [...program.matchAll(/\s*(BEGIN|END|NR\s*==\s*\d+|\/(?:[^/\\]|\\.)*\/|\$\d+\s*[=!]=\s*"[^"]*")?\s*\{([^}]*)\}/g)].map((m): { when: string | undefined; action: string } => ({ when: m[1]?.trim(), action: m[2] }));
  if (rules.length === 0 && program.trim()) rules.push({ when: program.trim().replace(/^\/|\/$/g, '') ? program.trim() : undefined, action: 'print' });
  const lines = linesOf(text);
  const value = (expr: string, fields: string[], nr: number): string => {
    const e = expr.trim();
    if (/^"(.*)"$/.test(e)) return e.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
    if (e === 'NR') return String(nr);
    if (e === 'NF') return String(fields.length - 1);
    const f = /^\$(\d+|NF)$/.exec(e);
    if (f) return fields[f[1] === 'NF' ? fields.length - 1 : Number(f[1])] ?? '';
    return e;
  };
  const run = (action: string, fields: string[], nr: number) => {
    for (const stmt of action.split(';')) {
      const p = /^\s*print\s*(.*)$/.exec(stmt);
      if (!p) continue;
      if (p[1].trim() === '') out(ctx, fields[0]);
      else out(ctx, p[1].split(/\s*,\s*/).map((x) => x.split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((y) => value(y, fields, nr)).join('')).join(' '));
    }
  };
  const applies = (when: string | undefined, fields: string[], nr: number) => {
    if (!when) return true;
    const n = /^NR\s*==\s*(\d+)$/.exec(when);
    if (n) return nr === Number(n[1]);
    const eq = /^\$(\d+)\s*([=!])=\s*"([^"]*)"$/.exec(when);
    if (eq) return (fields[Number(eq[1])] === eq[3]) === (eq[2] === '=');
    return new RegExp(when.replace(/^\/|\/$/g, '')).test(fields[0]);
  };
  for (const r of rules) if (r.when === 'BEGIN') run(r.action, [''], 0);
  lines.forEach((line, i) => {
    const fields = [line, ...(sep === undefined ? line.trim().split(/\s+/) : line.split(sep))];
    for (const r of rules) if (r.when !== 'BEGIN' && r.when !== 'END' && applies(r.when, fields, i + 1)) run(r.action, fields, i + 1);
  });
  for (const r of rules) if (r.when === 'END') run(r.action, [''], lines.length);
  return 0;
};

export const seq: Applet = function* (ctx) {
  const nums = ctx.args.filter((a) => /^-?\d+$/.test(a)).map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : [nums[0], nums[1], nums[2]];
  const lines: string[] = [];
  for (let n = first; step > 0 ? n <= last : n >= last; n += step) {
    lines.push(String(n));
    yield* ctx.proc.burn(0.001);
  }
  emit(ctx, lines);
  return 0;
};

/**
 * The Python that `python -c '…'` one-liners in manifests are written in — the docs' Job examples
 * branch on `JOB_COMPLETION_INDEX` and exit with a code — evaluated statement by statement:
 * `import`s (ignored), assignments, `if`/`elif`/`else` blocks by indentation, `print(…)`,
 * `time.sleep(N)`, `sys.exit(N)` / `exit()` / `quit()` / `raise SystemExit(…)`, `pass`.
 * Expressions: int and string literals, names, `os.environ.get(…)`, `os.environ[…]`,
 * `os.getenv(…)`, `int()`, `str()`, `len()`, arithmetic, comparisons, `and`/`or`/`not`.
 * Anything else is passed over, as the simulation has no Python.
 */

type Value = string | number | boolean | undefined;

/** What running the script asks of its process. */
export type PythonEffect = { kind: 'print'; text: string } | { kind: 'sleep'; seconds: number } | { kind: 'exit'; code: number; message?: string };

interface Line {
  indent: number;
  text: string;
}

/** The script's effects, in order, as a generator: the caller prints, sleeps and exits. */
export function* runPython(script: string, env: Readonly<Record<string, string>>): Generator<PythonEffect, void> {
  const lines = script
    .split('\n')
    .flatMap((raw): Line[] => {
      const text = stripComment(raw).trimEnd();
      if (!text.trim()) return [];
      const indent = text.length - text.trimStart().length;
      return splitSemicolons(text.trim()).map((t) => ({ indent, text: t }));
    });
  yield* block(lines, 0, lines.length, new Map<string, Value>(), env);
}

/** Runs lines[from, to); true once the script has exited. */
function* block(lines: Line[], from: number, to: number, vars: Map<string, Value>, env: Readonly<Record<string, string>>): Generator<PythonEffect, boolean> {
  let i = from;
  while (i < to) {
    const { indent, text } = lines[i];
    const compound = /^(if|elif|else|while|for|with|try|except|finally|def|class)\b(.*):(.*)$/.exec(text);
    if (compound && compound[1] === 'if') {
      // The whole if/elif/else chain at this indentation.
      let taken = false;
      let j = i;
      for (;;) {
        const m = /^(if|elif|else)\b(.*?):(.*)$/.exec(lines[j].text)!;
        const bodyEnd = blockEnd(lines, j, to);
        if (!taken && (m[1] === 'else' || truthy(evaluate(m[2].trim(), vars, env)))) {
          taken = true;
          const inline = m[3].trim();
          if (inline) {
            if (yield* statement(inline, vars, env)) return true;
          } else if (yield* block(lines, j + 1, bodyEnd, vars, env)) return true;
        }
        j = bodyEnd;
        if (j >= to || lines[j].indent !== indent || !/^(elif|else)\b/.test(lines[j].text)) break;
      }
      i = j;
      continue;
    }
    // Loops, functions and the rest are beyond this simulation: their bodies are skipped.
    if (!compound && (yield* statement(text, vars, env))) return true;
    i = blockEnd(lines, i, to);
  }
  return false;
}

/** Where the statement at `i` (with the lines indented under it) ends. */
function blockEnd(lines: Line[], i: number, to: number): number {
  let j = i + 1;
  while (j < to && lines[j].indent > lines[i].indent) j++;
  return j;
}

/** One simple statement; true when it exits. */
function* statement(text: string, vars: Map<string, Value>, env: Readonly<Record<string, string>>): Generator<PythonEffect, boolean> {
  if (/^(import|from)\s/.test(text) || text === 'pass') return false;
  const exit = /^(?:sys\.exit|exit|quit|raise\s+SystemExit)\s*\((.*)\)$/.exec(text) ?? (/^(?:sys\.exit|exit|quit)$|^raise\s+SystemExit$/.test(text) ? ['', ''] : null);
  if (exit) {
    const v = exit[1].trim() ? evaluate(exit[1], vars, env) : undefined;
    if (v === undefined) yield { kind: 'exit', code: 0 };
    else if (typeof v === 'number' || typeof v === 'boolean') yield { kind: 'exit', code: Number(v) & 0xff };
    else yield { kind: 'exit', code: 1, message: v };
    return true;
  }
  const print = /^print\s*\((.*)\)$/.exec(text);
  if (print) {
    const args = splitArgs(print[1]).filter((a) => !/^(end|sep|file|flush)\s*=/.test(a));
    yield { kind: 'print', text: args.map((a) => show(evaluate(a, vars, env))).join(' ') };
    return false;
  }
  const sleep = /^time\.sleep\s*\((.*)\)$/.exec(text);
  if (sleep) {
    yield { kind: 'sleep', seconds: Number(evaluate(sleep[1], vars, env)) || 0 };
    return false;
  }
  const assign = /^([A-Za-z_]\w*)\s*=(?!=)\s*(.+)$/.exec(text);
  if (assign) vars.set(assign[1], evaluate(assign[2], vars, env));
  return false;
}

const show = (v: Value) => (v === undefined ? 'None' : v === true ? 'True' : v === false ? 'False' : String(v));
const truthy = (v: Value) => v !== undefined && v !== '' && v !== 0 && v !== false;

function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

/** `a; b` on one line (outside strings and brackets). */
function splitSemicolons(text: string): string[] {
  return splitTop(text, ';').map((s) => s.trim()).filter(Boolean);
}

function splitArgs(text: string): string[] {
  return text.trim() ? splitTop(text, ',').map((s) => s.trim()) : [];
}

function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

type Token = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'name'; v: string } | { t: 'op'; v: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|[fbru]?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_][\w.]*)|(==|!=|<=|>=|\/\/|\*\*|[-+*/%<>()[\],]))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < src.length && (m = re.exec(src))) {
    if (m[1] !== undefined) tokens.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ t: 'str', v: m[2].slice(1, -1).replace(/\\n/g, '\n').replace(/\\(.)/g, '$1') });
    else if (m[3] !== undefined) tokens.push({ t: 'name', v: m[3] });
    else tokens.push({ t: 'op', v: m[4] });
  }
  return tokens;
}

/** Evaluates an expression; what it cannot read is None. */
export function evaluate(src: string, vars: ReadonlyMap<string, Value>, env: Readonly<Record<string, string>>): Value {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const eat = (v?: string) => {
    const t = tokens[i];
    if (v !== undefined && (t?.t !== 'op' && t?.t !== 'name' ? true : t.v !== v)) throw new Error(`expected ${v}`);
    i++;
    return t;
  };
  const isOp = (v: string) => (peek()?.t === 'op' || peek()?.t === 'name') && peek()!.v === v;
  const args = (): Value[] => {
    eat('(');
    const out: Value[] = [];
    while (!isOp(')')) {
      out.push(or());
      if (isOp(',')) eat(',');
      else break;
    }
    eat(')');
    return out;
  };
  const call = (name: string, a: Value[]): Value => {
    switch (name) {
      case 'os.environ.get':
      case 'os.getenv':
        return env[String(a[0])] ?? a[1];
      case 'int': {
        const n = typeof a[0] === 'string' ? Number.parseInt(a[0].trim(), 10) : Number(a[0]);
        return Number.isNaN(n) ? undefined : Math.trunc(n);
      }
      case 'float':
        return Number(a[0]);
      case 'str':
        return show(a[0]);
      case 'len':
        return typeof a[0] === 'string' ? a[0].length : undefined;
      default:
        return undefined;
    }
  };
  const atom = (): Value => {
    const t = eat();
    if (!t) return undefined;
    if (t.t === 'num' || t.t === 'str') return t.v;
    if (t.t === 'op' && t.v === '(') {
      const v = or();
      eat(')');
      return v;
    }
    if (t.t === 'op' && t.v === '-') return -Number(atom());
    if (t.t === 'name') {
      if (t.v === 'True') return true;
      if (t.v === 'False') return false;
      if (t.v === 'None') return undefined;
      if (isOp('(')) return call(t.v, args());
      if (t.v === 'os.environ' && isOp('[')) {
        eat('[');
        const k = or();
        eat(']');
        return env[String(k)];
      }
      return vars.get(t.v);
    }
    return undefined;
  };
  const arith = (a: Value, op: string, b: Value): Value => {
    if (op === '+' && (typeof a === 'string' || typeof b === 'string')) return show(a) + show(b);
    const x = Number(a);
    const y = Number(b);
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return x / y;
      case '//':
        return Math.floor(x / y);
      case '%':
        return ((x % y) + y) % y;
      case '**':
        return x ** y;
      default:
        return undefined;
    }
  };
  const term = (): Value => {
    let v = atom();
    while (['*', '/', '//', '%', '**'].some(isOp)) v = arith(v, eat()!.v as string, atom());
    return v;
  };
  const sum = (): Value => {
    let v = term();
    while (isOp('+') || isOp('-')) v = arith(v, eat()!.v as string, term());
    return v;
  };
  const compare = (): Value => {
    const left = sum();
    for (const op of ['==', '!=', '<=', '>=', '<', '>']) {
      if (!isOp(op)) continue;
      eat();
      const right = sum();
      switch (op) {
        case '==':
          return left === right;
        case '!=':
          return left !== right;
        case '<=':
          return Number(left) <= Number(right);
        case '>=':
          return Number(left) >= Number(right);
        case '<':
          return Number(left) < Number(right);
        default:
          return Number(left) > Number(right);
      }
    }
    return left;
  };
  const not = (): Value => {
    if (isOp('not')) {
      eat();
      return !truthy(not());
    }
    return compare();
  };
  const and = (): Value => {
    let v = not();
    while (isOp('and')) {
      eat();
      const r = not();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  function or(): Value {
    let v = and();
    while (isOp('or')) {
      eat();
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  }
  try {
    return or();
  } catch {
    return undefined;
  }
}

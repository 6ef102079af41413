/**
 * Shell arithmetic (`$(( … ))`, POSIX 2.6.4 with ash's operators): integers, variables by name,
 * `+ - * / % **`, comparisons, `&& || !`, `& | ^ << >> ~`, `?:`, parentheses and `=`/`+=`-style
 * assignment. Returns the value or an error message (`divide by zero`, `syntax error`).
 */
export function evaluateArithmetic(source: string, get: (name: string) => string | undefined, set: (name: string, value: string) => void): number | string {
  const tokens = source.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<<=?|>>=?|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[-+*/%()<>!~?:=&|^]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const fail = (m: string): never => {
    throw new ArithError(m);
  };
  const num = (name: string): number => {
    const v = (get(name) ?? '').trim();
    if (v === '') return 0;
    if (/^-?\d+$/.test(v)) return Number(v);
    return fail(`arithmetic syntax error`);
  };
  const BIN: [string[], (a: number, b: number) => number][] = [
    [['||'], (a, b) => Number(a !== 0 || b !== 0)],
    [['&&'], (a, b) => Number(a !== 0 && b !== 0)],
    [['|'], (a, b) => a | b],
    [['^'], (a, b) => a ^ b],
    [['&'], (a, b) => a & b],
    [['==', '!='], () => 0],
    [['<', '>', '<=', '>='], () => 0],
    [['<<', '>>'], () => 0],
    [['+', '-'], () => 0],
    [['*', '/', '%'], () => 0],
  ];
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return b === 0 ? fail('divide by zero') : Math.trunc(a / b);
      case '%': return b === 0 ? fail('divide by zero') : a % b;
      case '**': return a ** b;
      case '==': return Number(a === b);
      case '!=': return Number(a !== b);
      case '<': return Number(a < b);
      case '>': return Number(a > b);
      case '<=': return Number(a <= b);
      case '>=': return Number(a >= b);
      case '<<': return a << b;
      case '>>': return a >> b;
      default: return fail('arithmetic syntax error');
    }
  };
  const binary = (level: number): number => {
    if (level >= BIN.length) return power();
    const [ops, f] = BIN[level];
    let left = binary(level + 1);
    while (ops.includes(peek())) {
      const op = tokens[i++];
      const right = binary(level + 1);
      left = level <= 4 ? f(left, right) : apply(op, left, right);
    }
    return left;
  };
  const power = (): number => {
    const base = unary();
    if (peek() === '**') {
      i++;
      return apply('**', base, power());
    }
    return base;
  };
  const unary = (): number => {
    const t = peek();
    if (t === '-') return i++, -unary();
    if (t === '+') return i++, unary();
    if (t === '!') return i++, Number(unary() === 0);
    if (t === '~') return i++, ~unary();
    return primary();
  };
  const primary = (): number => {
    const t = tokens[i++];
    if (t === undefined) return fail('arithmetic syntax error');
    if (t === '(') {
      const v = expr();
      if (tokens[i++] !== ')') fail('arithmetic syntax error');
      return v;
    }
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) {
      const op = peek();
      if (op === '=' || (op?.length === 2 && op.endsWith('=') && '+-*/%&|^'.includes(op[0]))) {
        i++;
        const rhs = expr();
        const v = op === '=' ? rhs : apply(op[0], num(t), rhs);
        set(t, String(v));
        return v;
      }
      return num(t);
    }
    return fail('arithmetic syntax error');
  };
  const expr = (): number => {
    const c = binary(0);
    if (peek() !== '?') return c;
    i++;
    const a = expr();
    if (tokens[i++] !== ':') fail('arithmetic syntax error');
    const b = expr();
    return c !== 0 ? a : b;
  };
  try {
    if (tokens.length === 0) return 0;
    const v = expr();
    if (i < tokens.length) return 'arithmetic syntax error';
    return v;
  } catch (e) {
    if (e instanceof ArithError) return e.message;
    throw e;
  }
}

class ArithError extends Error {}

import { normalize, type Filesystem } from '../filesystem';

const INT = /^-?\d+$/;

/** `test` / `[` expressions: file tests, string and integer comparisons, `!`, `-a`, `-o`. A string is a syntax error. */
export function testExpression(args: readonly string[], fs: Filesystem, cwd: string): boolean | string {
  const orParts = split(args, '-o');
  if (orParts.length > 1) return anyOf(orParts.map((p) => testExpression(p, fs, cwd)));
  const andParts = split(args, '-a');
  if (andParts.length > 1) {
    const rs = andParts.map((p) => testExpression(p, fs, cwd));
    const bad = rs.find((r) => typeof r === 'string');
    return bad ?? rs.every(Boolean);
  }
  if (args[0] === '!' && args.length > 1) {
    const r = testExpression(args.slice(1), fs, cwd);
    return typeof r === 'string' ? r : !r;
  }
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) return unary(args[0], args[1], fs, cwd);
  if (args.length === 3) return binary(args[0], args[1], args[2]);
  return 'syntax error';
}

function split(args: readonly string[], op: string): string[][] {
  const parts: string[][] = [[]];
  for (const a of args) if (a === op) parts.push([]); else parts[parts.length - 1].push(a);
  return parts;
}

function anyOf(rs: (boolean | string)[]): boolean | string {
  return rs.find((r) => typeof r === 'string') ?? rs.some(Boolean);
}

function unary(op: string, operand: string, fs: Filesystem, cwd: string): boolean | string {
  const path = normalize(operand, cwd);
  switch (op) {
    case '-z':
      return operand === '';
    case '-n':
      return operand !== '';
    case '-e':
      return fs.exists(path);
    case '-f':
      return fs.isFile(path);
    case '-d':
      return fs.isDir(path);
    case '-s': {
      const t = fs.read(path);
      return t !== 'ENOENT' && t !== 'EISDIR' && t.length > 0;
    }
    case '-r':
    case '-w':
    case '-x':
      return fs.exists(path);
  }
  return `${op}: unknown operand`;
}

function binary(a: string, op: string, b: string): boolean | string {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
  const ops: Record<string, (x: number, y: number) => boolean> = {
    '-eq': (x, y) => x === y,
    '-ne': (x, y) => x !== y,
    '-lt': (x, y) => x < y,
    '-le': (x, y) => x <= y,
    '-gt': (x, y) => x > y,
    '-ge': (x, y) => x >= y,
  };
  if (!ops[op]) return 'syntax error';
  for (const n of [a, b]) if (!INT.test(n)) return `invalid number '${n}'`;
  return ops[op](Number(a), Number(b));
}

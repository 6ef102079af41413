import { evaluate, runPython, type PythonEffect } from './python-one-liner';

const effects = (script: string, env: Record<string, string> = {}): PythonEffect[] => [...runPython(script, env)];
const exitCode = (script: string, env: Record<string, string> = {}) => {
  const e = effects(script, env).find((x) => x.kind === 'exit');
  return e?.kind === 'exit' ? e.code : 0;
};

describe('python -c one-liners (the docs’ Job examples)', () => {
  // controllers/job-backoff-limit-per-index-example.yaml
  const evenFails = 'import os, sys\nprint("Hello world")\nif int(os.environ.get("JOB_COMPLETION_INDEX")) % 2 == 0:\n  sys.exit(1)\n';
  it.each([
    ['0', 1],
    ['1', 0],
    ['4', 1],
    ['7', 0],
  ])('backoff-limit-per-index example: index %s exits %i, after printing Hello world', (index, code) => {
    expect(effects(evenFails, { JOB_COMPLETION_INDEX: index })[0]).toEqual({ kind: 'print', text: 'Hello world' });
    expect(exitCode(evenFails, { JOB_COMPLETION_INDEX: index })).toBe(code);
  });

  // controllers/job-backoff-limit-per-index-failindex.yaml
  const failIndex = 'import os, sys\nindex = int(os.environ.get("JOB_COMPLETION_INDEX"))\nif index == 0:\n  sys.exit(1)\nelif index == 1:\n  sys.exit(42)\nelse:\n  sys.exit(0)\n';
  it.each([
    ['0', 1],
    ['1', 42],
    ['2', 0],
  ])('if/elif/else on an assigned variable: index %s exits %i', (index, code) => {
    expect(exitCode(failIndex, { JOB_COMPLETION_INDEX: index })).toBe(code);
  });

  // controllers/job-success-policy.yaml
  const onlyTwo = 'import os, sys\nif os.environ.get("JOB_COMPLETION_INDEX") == "2":\n  sys.exit(0)\nelse:\n  sys.exit(1)\n';
  it('string comparison with else: only index 2 succeeds', () => {
    expect(['0', '1', '2', '3'].map((i) => exitCode(onlyTwo, { JOB_COMPLETION_INDEX: i }))).toEqual([1, 1, 0, 1]);
  });

  it('statements on one line with ;, sleeps in order, a string exit is stderr and 1, comments ignored', () => {
    expect(effects('import time; print("a"); time.sleep(2.5); print("b", 3)  # done')).toEqual([
      { kind: 'print', text: 'a' },
      { kind: 'sleep', seconds: 2.5 },
      { kind: 'print', text: 'b 3' },
    ]);
    expect(effects('raise SystemExit("bad input")')).toEqual([{ kind: 'exit', code: 1, message: 'bad input' }]);
    expect(effects('exit()')).toEqual([{ kind: 'exit', code: 0 }]);
    expect(effects('if True: print("inline")')).toEqual([{ kind: 'print', text: 'inline' }]);
  });

  it('what it cannot run is passed over: loops and functions are skipped, unknown calls are None', () => {
    expect(effects('def f():\n  sys.exit(3)\nwhile True:\n  pass\nprint(foo(1))')).toEqual([{ kind: 'print', text: 'None' }]);
  });

  it.each<[string, unknown]>([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 // 2', 3],
    ['-7 % 3', 2],
    ['"a" + str(1)', 'a1'],
    ['not 0 and 1 == 1', true],
    ['os.getenv("MISSING", "dflt")', 'dflt'],
    ['os.environ["HOME"]', '/root'],
    ['len("four")', 4],
  ])('evaluates %s → %j', (src, value) => {
    expect(evaluate(src, new Map(), { HOME: '/root' })).toEqual(value);
  });
});

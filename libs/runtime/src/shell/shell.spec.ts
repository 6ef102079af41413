import { sh, T0, container, run } from './shell.spec-helpers';

describe('shell: lists, exit codes and time', () => {
  it.each([
    ['exit 1', 0, 1],
    ['sleep 5; exit 3', 5000, 3],
    ['false || exit 4', 0, 4],
    ['true && exit 0', 0, 0],
    ['false && exit 9', 0, 1],
    ['false && exit 9 || exit 5', 0, 5],
    ['true || exit 9', 0, 0],
    ['sleep 0.5 && sleep 1.5', 2000, 0],
    ['sleep 1m', 60_000, 0],
    ['exit 256', 0, 0],
    ['false; exit', 0, 1],
    ['', 0, 0],
    ['! true', 0, 1],
    ['nosuchcmd', 0, 127],
    ['exit -1', 0, 2],
  ])('%j exits after %i ms with %i', (script, ms, code) => {
    expect(sh(script).exit).toEqual({ code, at: T0 + ms });
  });

  it('echo The app is running! && sleep 3600 logs a line, then runs 3600 s', () => {
    const r = sh('echo The app is running! && sleep 3600');
    expect(r.exit).toEqual({ code: 0, at: T0 + 3_600_000 });
    expect(r.lines).toEqual([{ stream: 'stdout', line: 'The app is running!', at: T0 }]);
  });

  it('logs carry the time they were written', () => {
    expect(sh('echo one; sleep 2; echo two').lines.map((l) => [l.line, l.at - T0])).toEqual([
      ['one', 0],
      ['two', 2000],
    ]);
  });

  it('a missing command fails like busybox, prefixed with $0 as typed', () => {
    expect(sh('curl x').lines).toEqual([{ stream: 'stderr', line: 'sh: curl: not found', at: T0 }]);
    expect(run(['/bin/sh', '-c', 'curl x']).out).toEqual(['/bin/sh: curl: not found']);
  });

  it.each(['sleep infinity', 'echo up; sleep inf', 'while true; do sleep 1; done'])('%j runs until stopped', (script) => {
    const r = sh(script);
    expect(r.exit).toBeUndefined();
  });

  it('a process waiting only for the clock says when to wake it', () => {
    const r = sh('sleep 2; sleep 3', container(), T0 + 2500);
    expect(r.exit).toBeUndefined();
    expect(r.proc.nextWakeAt).toBe(T0 + 5000);
  });

  it('sh -e stops at the first failure that ends a list', () => {
    expect(run(['sh', '-ec', 'false || true; false; echo unreachable']).exit).toEqual({ code: 1, at: T0 });
  });

  it('time scale 0.1 makes sleeps ten times shorter', () => {
    expect(sh('sleep 5; exit 3', container({ timeScale: 0.1 })).exit).toEqual({ code: 3, at: T0 + 500 });
  });

  it('a syntax error is reported with status 2', () => {
    expect(sh('if true; then echo x')).toMatchObject({ exit: { code: 2 }, out: ['sh: syntax error: unexpected "end of file" (expecting "fi")'] });
  });
});

describe('shell: compound commands, variables and quoting', () => {
  it.each([
    ['if/elif/else', 'X=2; if [ $X -eq 1 ]; then echo one; elif [ "$X" = 2 ]; then echo two; else echo other; fi', ['two']],
    ['for over words', 'for i in a b c; do echo "item $i"; done', ['item a', 'item b', 'item c']],
    ['while with a counter file', 'n=0; while [ $n -lt 3 ]; do echo $n; n=$(echo $n | sed_missing 2>/dev/null || echo 3); done', ['0']],
    ['until', 'touch /tmp/x; until [ ! -f /tmp/x ]; do echo waiting; rm /tmp/x; done; echo done', ['waiting', 'done']],
    ['$? and $$ of PID 1', 'false; echo "status $? pid $$"', ['status 1 pid 1']],
    ['${VAR} and defaults', 'A=hi; echo ${A}there ${B:-dflt}', ['hithere dflt']],
    ['single quotes keep $', "echo '$HOME' \"$HOSTNAME\"", ['$HOME web']],
    ['field splitting of unquoted expansions', 'L="a  b"; for w in $L; do echo "<$w>"; done; echo "<$L>"', ['<a>', '<b>', '<a  b>']],
    ['command substitution', 'echo "host: $(hostname) $(cat /etc/hostname)"', ['host: web web']],
    ['backticks', 'echo `echo nested`', ['nested']],
    ['a pipe feeds stdin', 'echo piped | cat', ['piped']],
    ['break', 'for i in 1 2 3; do if [ $i = 2 ]; then break; fi; echo $i; done', ['1']],
    ['subshell variables do not leak', 'X=1; (X=2; echo $X); echo $X', ['2', '1']],
    ['grouping and redirect', '{ echo a; echo b; } > /tmp/f; cat /tmp/f', ['a', 'b']],
    ['comments', 'echo a # not this\n# nor this\necho b', ['a', 'b']],
    ['positional parameters', 'sh -c \'echo "$0 $1 $#"\' me one', ['me one 1']],
  ])('%s', (_name, script, lines) => {
    expect(sh(script).out).toEqual(lines);
  });
});

describe('shell: files and redirection', () => {
  it('> truncates, >> appends, < reads', () => {
    expect(sh('echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f; echo new > /tmp/f; cat /tmp/f').out).toEqual(['one', 'two', 'new']);
  });

  it('2>&1 and 2>/dev/null', () => {
    const r = sh('cat /nope 2>&1 > /dev/null; cat /nope 2>/dev/null; echo $?');
    expect(r.lines.map((l) => [l.stream, l.line])).toEqual([
      ['stdout', "cat: can't open '/nope': No such file or directory"],
      ['stdout', '1'],
    ]);
  });

  it('the exec-liveness script: the file exists, then is removed', () => {
    const c = container();
    const r = sh('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', c, T0 + 10_000);
    expect(c.env.fs.isFile('/tmp/healthy')).toBe(true);
    r.proc.advance(T0 + 31_000);
    expect(c.env.fs.isFile('/tmp/healthy')).toBe(false);
  });

  it.each([
    ['cat /tmp/healthy', "cat: can't open '/tmp/healthy': No such file or directory", 1],
    ['rm /tmp/nothing', "rm: can't remove '/tmp/nothing': No such file or directory", 1],
    ['mkdir /tmp', "mkdir: can't create directory '/tmp': File exists", 1],
    ['echo x > /no/dir/f', "sh: can't create /no/dir/f: nonexistent directory", 1],
    ['ls /missing', 'ls: /missing: No such file or directory', 1],
    ['[ 1 -eq 1', '[: missing ]', 2],
  ])('%j → %j', (script, message, code) => {
    expect(sh(script)).toMatchObject({ out: [message], exit: { code } });
  });

  it('mkdir -p, ls, rm -r', () => {
    expect(sh('mkdir -p /data/a/b; touch /data/f; ls /data; rm -r /data/a; ls /data').out).toEqual(['a', 'f', 'f']);
  });
});

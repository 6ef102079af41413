import { findImage } from './image-catalog';
import { buildProgram, containerArgv } from './program';
import { simulateProgram } from './simulate-program';

const busybox = findImage('docker.io/library/busybox');
const nginx = findImage('docker.io/library/nginx');
const sh = (script: string) => buildProgram(busybox, { command: ['sh', '-c', script] });
const T0 = 1_000_000;

describe('container argv', () => {
  it.each([
    ['image defaults', {}, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
    ['args replace cmd', { args: ['nginx-debug'] }, ['/docker-entrypoint.sh', 'nginx-debug']],
    ['command drops entrypoint and cmd', { command: ['sleep', '10'] }, ['sleep', '10']],
    ['command then args', { command: ['sh', '-c'], args: ['exit 1'] }, ['sh', '-c', 'exit 1']],
  ])('%s', (_name, container, argv) => {
    expect(containerArgv(nginx, container)).toEqual(argv);
  });
});

describe('shell scripts', () => {
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
  ])('%j exits after %i ms with %i', (script, ms, code) => {
    expect(simulateProgram(sh(script), T0, 1)).toMatchObject({ exitAt: T0 + ms, exitCode: code, logs: [] });
  });

  it('echo The app is running! && sleep 3600 logs a line, then runs 3600 s', () => {
    expect(simulateProgram(sh('echo The app is running! && sleep 3600'), T0, 1)).toEqual({
      exitAt: T0 + 3_600_000,
      exitCode: 0,
      logs: [{ at: T0, line: 'The app is running!' }],
    });
  });

  it('an unknown command fails with 127 and the shell’s message', () => {
    expect(simulateProgram(sh('nosuchcmd'), T0, 1)).toEqual({
      exitAt: T0,
      exitCode: 127,
      logs: [{ at: T0, line: 'sh: nosuchcmd: not found' }],
    });
  });

  it('busybox prefixes errors with argv[0] as typed', () => {
    const program = buildProgram(busybox, { args: ['/bin/sh', '-c', 'curl x'] });
    expect(simulateProgram(program, T0, 1).logs).toEqual([{ at: T0, line: '/bin/sh: curl: not found' }]);
  });

  it('time scale 0.1 makes sleeps ten times shorter', () => {
    expect(simulateProgram(sh('sleep 5; exit 3'), T0, 0.1)).toMatchObject({ exitAt: T0 + 500, exitCode: 3 });
  });

  it('logs carry the time they were written', () => {
    const run = simulateProgram(sh('echo one; sleep 2; echo two'), T0, 1);
    expect(run.logs).toEqual([
      { at: T0, line: 'one' },
      { at: T0 + 2000, line: 'two' },
    ]);
  });

  it.each(['sleep infinity', 'echo up; sleep inf'])('%j runs forever', (script) => {
    expect(simulateProgram(sh(script), T0, 1).exitAt).toBeNull();
  });

  it('sh -e stops at the first failure that ends a list', () => {
    const program = buildProgram(busybox, { command: ['sh', '-ec', 'false || true; false; echo unreachable'] });
    expect(simulateProgram(program, T0, 1)).toEqual({ exitAt: T0, exitCode: 1, logs: [] });
  });

  it('exit with a non-number is an error with status 2', () => {
    expect(simulateProgram(sh('exit -1'), T0, 1)).toEqual({
      exitAt: T0,
      exitCode: 2,
      logs: [{ at: T0, line: 'sh: exit: Illegal number: -1' }],
    });
  });

  it('a bad sleep argument fails like busybox', () => {
    expect(simulateProgram(sh('sleep abc'), T0, 1)).toMatchObject({
      exitCode: 1,
      logs: [{ at: T0, line: "sleep: invalid number 'abc'" }],
    });
  });

  it('an image server called from a script runs until stopped', () => {
    const program = buildProgram(nginx, { command: ['sh', '-c', "echo starting; nginx -g 'daemon off;'"] });
    expect(simulateProgram(program, T0, 1)).toEqual({ exitAt: null, exitCode: 0, logs: [{ at: T0, line: 'starting' }] });
  });

  it('in an unknown image any program is assumed to exist', () => {
    const program = buildProgram(undefined, { command: ['sh', '-c', './start.sh --port 8080'] });
    expect(simulateProgram(program, T0, 1).exitAt).toBeNull();
  });
});

describe('programs without a shell', () => {
  it.each([
    ['nginx defaults serve forever', nginx, {}, null, 0],
    ['busybox default sh exits 0 at once', busybox, {}, T0, 0],
    ['sleep 10 directly', busybox, { command: ['sleep', '10'] }, T0 + 10_000, 0],
    ['sleep 0.25 directly', busybox, { command: ['/bin/sleep', '0.25'] }, T0 + 250, 0],
    ['false directly', busybox, { command: ['false'] }, T0, 1],
    ['an unknown image with no command serves', undefined, {}, null, 0],
  ])('%s', (_name, image, container, exitAt, exitCode) => {
    expect(simulateProgram(buildProgram(image, container), T0, 1)).toMatchObject({ exitAt, exitCode });
  });

  it('a command the image does not know is opaque and runs until stopped', () => {
    const program = buildProgram(busybox, { command: ['nslookup', 'mydb'] });
    expect(program.opaque).toBe(true);
    expect(simulateProgram(program, T0, 1).exitAt).toBeNull();
  });

  it('echo directly logs its words', () => {
    const program = buildProgram(busybox, { command: ['echo', 'hello', 'world'] });
    expect(simulateProgram(program, T0, 1)).toEqual({ exitAt: T0, exitCode: 0, logs: [{ at: T0, line: 'hello world' }] });
  });
});

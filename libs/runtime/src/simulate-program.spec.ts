import { findImage } from './image-catalog';
import { buildProgram } from './program';
import { signalOutcome, simulateProgram, stopProgram } from './simulate-program';

const busybox = findImage('docker.io/library/busybox');
const nginx = findImage('docker.io/library/nginx');
const helloApp = findImage('gcr.io/google-samples/hello-app');
const T0 = 1_000_000;

describe('SIGTERM', () => {
  it.each([
    ['nginx', buildProgram(nginx, {}), 'exits'],
    ['nginx run by a lone sh -c', buildProgram(nginx, { command: ['sh', '-c', "nginx -g 'daemon off;'"] }), 'exits'],
    ['a shell script', buildProgram(busybox, { command: ['sh', '-c', 'echo hi; sleep 3600'] }), 'ignored'],
    ['sleep as PID 1', buildProgram(busybox, { command: ['sleep', '3600'] }), 'ignored'],
    ['busybox default shell', buildProgram(busybox, {}), 'ignored'],
    ['an unknown image', buildProgram(undefined, {}), 'exits'],
  ])('%s → %s', (_name, program, outcome) => {
    expect(signalOutcome(program, 'SIGTERM')).toBe(outcome);
  });
});

describe('stopping a container', () => {
  const stop = (program: ReturnType<typeof buildProgram>, at: number, grace: number, scale = 1) =>
    stopProgram(program, simulateProgram(program, T0, scale), at, grace, scale);

  it('nginx exits promptly with 0', () => {
    expect(stop(buildProgram(nginx, {}), T0 + 5000, 30)).toEqual({ exitAt: T0 + 5000, exitCode: 0, killed: false });
  });

  it('a Go server without a handler exits with 2', () => {
    expect(stop(buildProgram(helloApp, {}), T0 + 5000, 30)).toMatchObject({ exitCode: 2, killed: false });
  });

  it('a shell as PID 1 is SIGKILLed after the grace period: 137', () => {
    const program = buildProgram(busybox, { command: ['sh', '-c', 'sleep 3600'] });
    expect(stop(program, T0 + 5000, 30)).toEqual({ exitAt: T0 + 35_000, exitCode: 137, killed: true });
  });

  it('the grace period is scaled', () => {
    const program = buildProgram(busybox, { command: ['sleep', '3600'] });
    expect(stop(program, T0 + 500, 30, 0.1)).toEqual({ exitAt: T0 + 3500, exitCode: 137, killed: true });
  });

  it('a program that ends within the grace period keeps its own exit', () => {
    const program = buildProgram(busybox, { command: ['sh', '-c', 'sleep 10; exit 3'] });
    expect(stop(program, T0 + 5000, 30)).toEqual({ exitAt: T0 + 10_000, exitCode: 3, killed: false });
  });

  it('a program that already exited is not affected', () => {
    const program = buildProgram(busybox, { command: ['sh', '-c', 'exit 1'] });
    expect(stop(program, T0 + 5000, 30)).toEqual({ exitAt: T0, exitCode: 1, killed: false });
  });
});

import { findImage } from '../image-catalog';
import { containerArgv } from './start-program';
import { container, run, T0 } from './shell.spec-helpers';

const nginx = findImage('docker.io/library/nginx');

describe('container argv', () => {
  it.each([
    ['image defaults', {}, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
    ['args replace cmd', { args: ['nginx-debug'] }, ['/docker-entrypoint.sh', 'nginx-debug']],
    ['command drops entrypoint and cmd', { command: ['sleep', '10'] }, ['sleep', '10']],
    ['command then args', { command: ['sh', '-c'], args: ['exit 1'] }, ['sh', '-c', 'exit 1']],
  ])('%s', (_name, c, argv) => {
    expect(containerArgv(nginx, c)).toEqual(argv);
  });
});

describe('starting PID 1', () => {
  it('busybox’s default `sh` with no script exits 0 at once', () => {
    expect(run(['sh']).exit).toEqual({ code: 0, at: T0 });
  });

  it('a program the image does not have cannot start (exit 128)', () => {
    expect(run(['curl', 'x'])).toMatchObject({ exit: { code: 128 }, out: ['exec: "curl": executable file not found in $PATH'] });
  });

  it('an image kubesim does not know runs any command until stopped, and exits on SIGTERM', () => {
    const { proc } = run(['/app/server', '--port', '8080'], container({ image: undefined, containerPorts: [8080] }));
    expect(proc.exit).toBeUndefined();
    expect(proc.env.pod.listeners.get(8080)?.http('/', T0).status).toBe(200);
    proc.signal('TERM', T0 + 5);
    expect(proc.exit).toEqual({ code: 0, at: T0 + 5 });
  });

  it('sleep as PID 1 ignores SIGTERM', () => {
    const { proc } = run(['sleep', '3600'], container(), T0 + 5);
    proc.signal('TERM', T0 + 5);
    expect(proc.exit).toBeUndefined();
  });
});

import { findImage, IMAGE_CATALOG, resolveImage, type ImageEntry } from '../image-catalog';
import { findApplet } from '../shell/applets';
import { SHELLS } from '../shell/start-program';
import { piDigits } from '../shell/applets/pi';
import { container, run, sh, T0, type TestContainer } from '../shell/shell.spec-helpers';

const image = (repository: string) => findImage(repository) as ImageEntry;

describe('the image catalog covers what the docs and tutorials pull', () => {
  it.each([
    'debian', 'debian:bookworm-slim', 'debian:12', 'ubuntu', 'ubuntu:22.04', 'alpine:3.20', 'busybox', 'busybox:1.28', 'busybox:1.36.1-musl',
    'busybox:stable-glibc', 'nginx:1.14.2', 'nginx:alpine', 'httpd:2.4', 'redis', 'redis:7.2-alpine', 'mysql:8.0', 'mysql:5.7', 'postgres:16',
    'postgres:15-alpine', 'mongo:7.0', 'python:3.12-slim', 'python:3', 'node:20', 'node:lts-alpine', 'golang:1.22', 'perl:5.34.0', 'perl',
    'polinux/stress', 'k8s.gcr.io/echoserver:1.4', 'registry.k8s.io/echoserver:1.10', 'hashicorp/http-echo', 'hashicorp/http-echo:1.0',
    'registry.k8s.io/e2e-test-images/agnhost:2.39', 'registry.k8s.io/e2e-test-images/busybox:1.36.1-1', 'registry.k8s.io/e2e-test-images/nginx:1.14-4',
    'registry.k8s.io/e2e-test-images/httpd:2.4.38-4', 'registry.k8s.io/e2e-test-images/jessie-dnsutils:1.7', 'registry.k8s.io/e2e-test-images/perl:5.26',
    'gcr.io/google-samples/hello-app:2.0', 'gcr.io/google-samples/kubernetes-bootcamp:v1', 'gcr.io/google-samples/gb-frontend:v5', 'gcr.io/google-samples/node-hello:1.0',
  ])('%s is known', (ref) => {
    expect(resolveImage(ref).kind).toBe('known');
  });

  it.each(['mycorp/api:2.3', 'nginx:1.161', 'busybox:nope', 'debian:potato2', 'gcr.io/google-samples/no-such-sample:1.0'])('%s is not (ErrImagePull)', (ref) => {
    expect(resolveImage(ref).kind).not.toBe('known');
  });

  it.each(IMAGE_CATALOG.images.map((e) => [e.repository, e] as const))('%s: its default command is a program of the image', (_, e) => {
    if (e.tagPattern) expect(() => new RegExp(e.tagPattern!)).not.toThrow();
    const argv = [...e.entrypoint, ...e.cmd];
    if (argv.length === 0) return;
    const name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
    expect(SHELLS.includes(name) || findApplet(argv[0], e) !== undefined).toBe(true);
  });
});

/** Runs the image's default command as PID 1 (in `c`), advanced to `until`. */
function start(repository: string, c: TestContainer, args?: string[], until = T0 + 1000) {
  const e = image(repository);
  return run([...e.entrypoint, ...(args ?? e.cmd)], c, until);
}

const withImage = (repository: string, env: Record<string, string> = {}, tag = 'latest') => {
  const e = image(repository);
  return container({ image: e, imageTag: tag, env: { PATH: '/bin', ...e.env, ...env }, fs: container({ image: e }).env.fs });
};

describe('what the images do', () => {
  it('redis: the server is ready on 6379 and `redis-cli ping` answers PONG', () => {
    const c = withImage('docker.io/library/redis');
    const server = start('docker.io/library/redis', c);
    expect(server.exit).toBeUndefined();
    expect(server.out.at(-1)).toContain('Ready to accept connections tcp');
    const cli = sh('redis-cli ping && redis-cli set greeting hi && redis-cli get greeting', { env: c.env, lines: [] });
    expect(cli.out).toEqual(['PONG', 'OK', '"hi"']);
  });

  it('redis-cli with nothing listening: Connection refused, exit 1', () => {
    const r = sh('redis-cli -h 127.0.0.1 ping', withImage('docker.io/library/redis'));
    expect(r).toMatchObject({ exit: { code: 1 }, out: ['Could not connect to Redis at 127.0.0.1:6379: Connection refused'] });
  });

  it("perl: the docs' pi Job prints 2000 digits of pi", () => {
    const r = run(['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], withImage('docker.io/library/perl', {}, '5.34.0'));
    expect(r.exit?.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(/^3\.14159265358979323846264338327950288419716939937510/);
    expect(r.out[0]).toHaveLength(2001);
    // The same digits as a longer computation, up to rounding of the last one.
    expect(piDigits(2010).startsWith(r.out[0].slice(0, -1))).toBe(true);
  });

  it('pi digits round at the last one', () => {
    expect(piDigits(1)).toBe('3');
    expect(piDigits(5)).toBe('3.1416');
    expect(piDigits(10)).toBe('3.141592654');
  });

  it('mysql without a root password option exits 1 with the entrypoint’s message; with one it is ready', () => {
    const bad = start('docker.io/library/mysql', withImage('docker.io/library/mysql'));
    expect(bad.exit?.code).toBe(1);
    expect(bad.out.join('\n')).toContain('Database is uninitialized and password option is not specified');
    const good = start('docker.io/library/mysql', withImage('docker.io/library/mysql', { MYSQL_ROOT_PASSWORD: 'password' }));
    expect(good.exit).toBeUndefined();
    expect(good.out.at(-1)).toContain('ready for connections');
  });

  it('postgres needs POSTGRES_PASSWORD', () => {
    expect(start('docker.io/library/postgres', withImage('docker.io/library/postgres')).exit?.code).toBe(1);
    const ok = start('docker.io/library/postgres', withImage('docker.io/library/postgres', { POSTGRES_PASSWORD: 'x' }));
    expect(ok.exit).toBeUndefined();
    expect(ok.out.at(-1)).toContain('database system is ready to accept connections');
  });

  it.each([
    ['docker.io/hashicorp/http-echo', ['-text=hello world'], 5678, 'hello world\n'],
    ['gcr.io/google-samples/hello-app', undefined, 8080, 'Hello, world!\nVersion: 1.0.0\nHostname: web\n'],
    ['docker.io/library/httpd', undefined, 80, '<html><body><h1>It works!</h1></body></html>\n'],
    ['gcr.io/google-samples/kubernetes-bootcamp', undefined, 8080, 'Hello Kubernetes bootcamp! | Running on: web | v=1\n'],
    // The StatefulSet tutorial's image: nginx serving /usr/share/nginx/html.
    ['registry.k8s.io/nginx-slim', undefined, 80, '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n'],
  ])('%s answers on its port', (repository, args, port, body) => {
    const c = withImage(repository, {}, '1.0');
    expect(start(repository, c, args).exit).toBeUndefined();
    expect(sh(`wget -qO- http://localhost:${port}/`, { env: c.env, lines: [] }).out.join('\n') + '\n').toBe(body);
  });

  it('hashicorp/http-echo without -text says so', () => {
    expect(start('docker.io/hashicorp/http-echo', withImage('docker.io/hashicorp/http-echo'))).toMatchObject({ exit: { code: 127 }, out: ['Missing -text option!'] });
  });

  it('python -m http.server serves, python -c prints, bare python (no tty) exits 0', () => {
    const c = withImage('docker.io/library/python');
    expect(run(['python3', '-c', 'print("hello")'], c).out).toEqual(['hello']);
    expect(run(['python3'], withImage('docker.io/library/python')).exit?.code).toBe(0);
    expect(run(['python', '-m', 'http.server', '8000'], c).out.at(-1)).toBe('Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...');
  });

  it('python -c runs its statements in order: print, time.sleep on the cluster clock, sys.exit(N) as the exit code', () => {
    const r = run(['python', '-c', 'import sys, time; print("start"); time.sleep(30); print("done"); sys.exit(3)'], withImage('docker.io/library/python'));
    expect(r.out).toEqual(['start', 'done']);
    expect(r.exit?.code).toBe(3);
    const scale = withImage('docker.io/library/python').env.timeScale;
    expect(r.lines[1].at - r.lines[0].at).toBe(30_000 * scale);
    expect(run(['python3', '-c', 'raise SystemExit("bad input")'], withImage('docker.io/library/python'))).toMatchObject({ exit: { code: 1 }, out: ['bad input'] });
    expect(run(['python3', '-c', 'exit()'], withImage('docker.io/library/python')).exit?.code).toBe(0);
  });

  it("the image's Env and working directory are the container's", () => {
    const c = withImage('docker.io/library/golang');
    expect(sh('echo $GOPATH; pwd; go version', { ...c, env: { ...c.env, workingDir: '/go' } }).out).toEqual(['/go', '/go', 'go version go1.23.4 linux/amd64']);
  });
});

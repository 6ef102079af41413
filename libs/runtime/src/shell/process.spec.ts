import { agnhost, nginx as nginxImage, stressImage } from './process.spec-fixtures';
import { clusterWith, container, run, sh, T0 } from './shell.spec-helpers';

describe('signals: SIGTERM to PID 1', () => {
  it('a shell without a trap ignores SIGTERM (PID 1): only SIGKILL ends it', () => {
    const { proc } = sh('echo hi; sleep 3600', container(), T0 + 1000);
    proc.signal('TERM', T0 + 1000);
    proc.advance(T0 + 31_000);
    expect(proc.exit).toBeUndefined();
    proc.signal('KILL', T0 + 31_000);
    expect(proc.exit).toEqual({ code: 137, at: T0 + 31_000, killed: true });
  });

  it('trap … TERM runs when the current command returns', () => {
    const r = sh("trap 'echo caught; exit 0' TERM; while true; do sleep 1; done", container(), T0 + 500);
    r.proc.signal('TERM', T0 + 500);
    r.proc.advance(T0 + 5000);
    expect(r.exit).toEqual({ code: 0, at: T0 + 1000 });
    expect(r.out).toEqual(['caught']);
  });

  it('a trapped signal interrupts `wait` at once', () => {
    const { proc } = sh("trap 'exit 143' TERM; sleep 3600 & wait", container(), T0 + 500);
    proc.signal('TERM', T0 + 700);
    proc.advance(T0 + 700);
    expect(proc.exit).toEqual({ code: 143, at: T0 + 700 });
  });

  it('trap … EXIT runs when the script ends', () => {
    expect(sh("trap 'echo bye' EXIT; echo hi; exit 3")).toMatchObject({ out: ['hi', 'bye'], exit: { code: 3 } });
  });

  it('nginx as PID 1 (also through a lone sh -c) exits 0 on SIGTERM', () => {
    for (const argv of [['nginx', '-g', 'daemon off;'], ['sh', '-c', "nginx -g 'daemon off;'"]]) {
      const { proc } = run(argv, container({ image: nginxImage }), T0 + 100);
      proc.signal('TERM', T0 + 100);
      expect(proc.exit).toEqual({ code: 0, at: T0 + 100 });
    }
  });

  it('nginx run by a longer script is not PID 1: the shell ignores SIGTERM', () => {
    const { proc } = run(['sh', '-c', 'echo start; nginx'], container({ image: nginxImage }), T0 + 100);
    proc.signal('TERM', T0 + 100);
    expect(proc.exit).toBeUndefined();
  });
});

describe('network: one port space per pod, cluster DNS', () => {
  it('nginx listens on 80; another container of the pod reaches it on localhost', () => {
    const web = container({ image: nginxImage });
    web.env.fs.write('/usr/share/nginx/html/index.html', '<h1>hello</h1>\n');
    run(['nginx'], web, T0);
    const sidecar = container({ pod: web.env.pod });
    expect(sh('wget -qO- http://localhost', sidecar).out).toEqual(['<h1>hello</h1>']);
  });

  it('wget to a closed port is refused; an unknown name is a bad address', () => {
    expect(sh('wget -qO- http://127.0.0.1:8080/')).toMatchObject({ out: ["wget: can't connect to remote host (127.0.0.1): Connection refused"], exit: { code: 1 } });
    expect(sh('wget -q -O- http://nosuch/')).toMatchObject({ out: ["wget: bad address 'nosuch'"], exit: { code: 1 } });
  });

  it('nslookup fails with busybox’s text until the Service exists', () => {
    const name = 'myservice.default.svc.cluster.local';
    const before = sh(`nslookup ${name}`);
    expect(before.exit?.code).toBe(1);
    expect(before.out).toEqual(['Server:    10.96.0.10', 'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local', '', `nslookup: can't resolve '${name}'`]);
    const after = sh(`nslookup ${name}`, container({ cluster: clusterWith({ myservice: '10.96.12.7' }) }));
    expect(after.exit?.code).toBe(0);
    expect(after.out.slice(3)).toEqual([`Name:      ${name}`, `Address 1: 10.96.12.7 ${name}`]);
  });

  it.each(['myservice', 'myservice.default', 'myservice.default.svc.cluster.local'])('%s resolves', (name) => {
    expect(sh(`nslookup ${name}`, container({ cluster: clusterWith({ myservice: '10.96.12.7' }) })).exit?.code).toBe(0);
  });

  it('agnhost liveness: /healthz is 200 for 10 s, then 500', () => {
    const c = container({ image: agnhost });
    run(['/agnhost', 'liveness'], c, T0);
    const healthz = c.env.pod.listeners.get(8080)!;
    expect(healthz.http('/healthz', T0 + 9000).status).toBe(200);
    expect(healthz.http('/healthz', T0 + 11_000).status).toBe(500);
  });
});

describe('memory', () => {
  const stress = ['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'];
  it('stress over the memory limit is OOMKilled (137)', () => {
    const { exit } = run(stress, container({ image: stressImage, memoryLimitBytes: 100 * 1024 ** 2 }));
    expect(exit).toEqual({ code: 137, at: T0 + 100, reason: 'OOMKilled' });
  });

  it('stress under the limit keeps running', () => {
    expect(run(stress, container({ image: stressImage, memoryLimitBytes: 200 * 1024 ** 2 })).exit).toBeUndefined();
  });
});

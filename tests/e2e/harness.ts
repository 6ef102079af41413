import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@kubesim/testing';
import { authFetch, loadKubeconfigAuth, type AuthFetch } from '@kubesim/kube-rest';

export const ROOT = resolve(__dirname, '../..');

/** Whether a kubectl is installed: the kubectl suites report as skipped, by name, where it is not. */
export const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const BIN = join(ROOT, 'bin', 'kubesim');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A `kubesim up` started the way a user starts it, as a child process. */
export class Cluster {
  process!: ChildProcess;
  output = '';

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly natsPort: number,
    readonly nodes: number,
    readonly timeScale: number,
    /** The dashboard's port; undefined = started with --no-dashboard (most suites do not need it). */
    readonly dashboardPort?: number,
    private readonly supervision: SupervisionOptions = {},
    /** More `kubesim up` flags, e.g. `--nodes-per-process 3`. */
    readonly upArgs: string[] = [],
    /** `kubesim up`'s default (HTTPS, tokens, RBAC); false: `--insecure` (most suites: plain anonymous HTTP). */
    readonly secure = false,
  ) {}

  /**
   * `supervise`: let `kubesim up` restart crashed components (its default); without it the suite
   * runs with `--no-restart`, so a killed process stays dead until the suite starts it again
   * (`startAgain`), as suites written before supervision expect.
   */
  static async create(o: { nodes: number; timeScale: number; dashboard?: boolean; upArgs?: string[]; secure?: boolean } & SupervisionOptions): Promise<Cluster> {
    if (!existsSync(join(ROOT, 'dist/apps/cli/src/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    const { supervise, restartKubelets, natsReplicas } = o;
    return new Cluster(mkdtempSync(join(tmpdir(), 'kubesim-e2e-')), await freePort(), await freePort(), o.nodes, o.timeScale, o.dashboard ? await freePort() : undefined, { supervise, restartKubelets, natsReplicas }, o.upArgs, o.secure === true);
  }

  /** Every nats-server's URL, comma-separated, as `kubesim up` gives them to components (cluster.json). */
  get natsUrl(): string {
    return (JSON.parse(readFileSync(join(this.dataDir, 'cluster.json'), 'utf8')) as { natsUrl: string }).natsUrl;
  }

  /**
   * A broker user's credentials file in the data dir (`kubesim up` makes one per component):
   * `admin`, the operator's key, by default; pass it to `connectNats(…, { credentials })`.
   */
  natsCredentials(user = 'admin'): string {
    return join(this.dataDir, 'nats-auth', `${user}.json`);
  }

    get dashboard() {
    return `http://127.0.0.1:${this.dashboardPort}/`;
  }

  get server() {
    return `${this.secure ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** The data dir's kubeconfig (the CA and admin token of a secure cluster). */
  get kubeconfigFile() {
    return join(this.dataDir, 'kubeconfig');
  }

  /**
   * The kubeconfig `kubesim up` merges its context into: one per cluster in its data dir, never
   * the user's `~/.kube/config` (`kubesim up` runs with KUBECONFIG set to it).
   */
  get userKubeconfigFile() {
    return join(this.dataDir, 'user-kubeconfig');
  }

  private adminFetch?: AuthFetch;

  /** `fetch` of `path` on the apiserver as the admin (CA and token from the kubeconfig when secure). */
  fetch(path: string, init?: Parameters<AuthFetch>[1]): Promise<Response> {
    if (!this.secure) return fetch(this.server + path, init as RequestInit);
    this.adminFetch ??= authFetch(loadKubeconfigAuth([this.kubeconfigFile]));
    return this.adminFetch(this.server + path, init);
  }

  /** Starts `kubesim up` and resolves once it says it is ready. */
  async up(timeoutMs = 90_000): Promise<void> {
    this.output = '';
    const args = [BIN, 'up', '--nodes', String(this.nodes), '--port', String(this.port), '--nats-port', String(this.natsPort), '--data-dir', this.dataDir, '--time-scale', String(this.timeScale), ...(this.dashboardPort ? ['--dashboard-port', String(this.dashboardPort)] : ['--no-dashboard']), ...supervisionArgs(this.supervision), ...(this.secure ? [] : ['--insecure']), ...this.upArgs];
    this.process = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: this.userKubeconfigFile } });
    this.process.stdout!.on('data', (d) => (this.output += d));
    this.process.stderr!.on('data', (d) => (this.output += d));
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`kubesim up not ready after ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const check = () => {
        if (this.output.includes('kubesim is ready')) {
          clearTimeout(timer);
          res();
        }
      };
      this.process.stdout!.on('data', check);
      this.process.once('exit', (code) => {
        clearTimeout(timer);
        rej(new Error(`kubesim up exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** SIGINT, as Ctrl-C does; resolves with the exit code. */
  async down(): Promise<number | null> {
    if (!this.process || this.process.exitCode !== null) return this.process?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => this.process.once('exit', (code) => r(code)));
    this.process.kill('SIGINT');
    return exited;
  }

  pid(child: string): number {
    const file = JSON.parse(readFileSync(join(this.dataDir, 'cluster.json'), 'utf8')) as { pids: Record<string, number> };
    return file.pids[child];
  }

  /** SIGKILL of one child of `kubesim up` (as named in cluster.json); resolves once it is gone. */
  async kill9(child: string): Promise<void> {
    const pid = this.pid(child);
    process.kill(pid, 'SIGKILL');
    await waitUntilGone(pid);
  }

  /**
   * Starts a component again outside the supervisor, with the environment `kubesim up` gives it
   * (a suite not created with `supervise` runs `kubesim up --no-restart`). The caller stops it.
   */
  startAgain(child: 'apiserver' | 'nats'): ChildProcess {
    const natsUrl = `nats://127.0.0.1:${this.natsPort}`;
    const log = openSync(join(this.dataDir, 'logs', `${child}-again.log`), 'a');
    const p =
      child === 'nats'
        ? spawn('nats-server', ['-c', join(this.dataDir, 'nats.conf'), '-js', '-a', '127.0.0.1', '-p', String(this.natsPort)], { stdio: ['ignore', log, log] })
        : spawn(process.execPath, [join(ROOT, 'dist/apps/apiserver/src/main.js')], {
            stdio: ['ignore', log, log],
            env: {
              ...process.env,
              KUBESIM_NATS_URL: natsUrl,
              KUBESIM_NATS_CREDENTIALS: this.natsCredentials('apiserver'),
              KUBESIM_TIME_SCALE: String(this.timeScale),
              KUBESIM_API_PORT: String(this.port),
              KUBESIM_EXPECTED_NODES: String(this.nodes),
              ...(this.secure ? { KUBESIM_PKI_DIR: join(this.dataDir, 'pki') } : {}),
            },
          });
    this.restarted.push(p);
    return p;
  }

  readonly restarted: ChildProcess[] = [];

  /** Stops what `startAgain` started, then `kubesim up`. */
  async downAll(): Promise<number | null> {
    const code = await this.down();
    for (const p of this.restarted) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    return code;
  }

  /** Runs the kubesim CLI against this cluster. */
  cli(...args: string[]): Promise<CliResult> {
    return run(process.execPath, [BIN, ...args], this.secure ? { KUBECONFIG: this.kubeconfigFile } : { KUBESIM_SERVER: this.server });
  }

  /** How kubectl reaches this cluster: the data dir's kubeconfig when secure, else `--server` and no kubeconfig. */
  private get kubectlTarget(): { args: string[]; env: Record<string, string> } {
    return this.secure ? { args: [], env: { KUBECONFIG: this.kubeconfigFile } } : { args: ['--server', this.server], env: { KUBECONFIG: '/dev/null' } };
  }

  kubectl(...args: string[]): Promise<CliResult> {
    const t = this.kubectlTarget;
    return run('kubectl', [...t.args, ...args], t.env);
  }

  /** kubectl's stdout; a non-zero exit throws with its stderr. */
  async kubectlOk(...args: string[]): Promise<string> {
    const r = await this.kubectl(...args);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  /** kubectl with `input` on its stdin (`kubectl exec -i`). */
  kubectlWithInput(input: string, ...args: string[]): Promise<CliResult> {
    const t = this.kubectlTarget;
    return run('kubectl', [...t.args, ...args], t.env, 60_000, input);
  }
}

export interface SupervisionOptions {
  supervise?: boolean;
  /** `--restart-kubelets` (with `supervise`). */
  restartKubelets?: boolean;
  /** `--nats-replicas N`. */
  natsReplicas?: number;
}

const supervisionArgs = (o: SupervisionOptions): string[] => [
  ...(o.supervise ? [] : ['--no-restart']),
  ...(o.supervise && o.restartKubelets ? ['--restart-kubelets'] : []),
  ...(o.natsReplicas ? ['--nats-replicas', String(o.natsReplicas)] : []),
];

export function run(cmd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000, input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as any).code === 'number' ? (err as any).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

async function waitUntilGone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls until `check` passes (returns without throwing), or fails with its last error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** Whether process `pid` still runs (signal 0). */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

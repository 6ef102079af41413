import docsCorpus from './docs.corpus.json';
import { TUTORIAL_LINES, type TutorialLine } from './tutorials.corpus';
import { findImage, resolveImage } from '../../image-catalog';
import { parseImageRef, repositoryName } from '../../image-ref';
import { Filesystem, newVolume } from '../filesystem';
import { imageFilesystem } from '../image-files';
import { NO_CLUSTER, type ContainerEnv, type Listener } from '../process-types';
import * as programs from '../start-program';

/**
 * The shell corpus: the command/args/probe/hook lines of the Kubernetes documentation's examples
 * (docs.corpus.json, extracted from ../shared/corpus/k8s-docs-examples) and lines tutorials type
 * (tutorials.corpus.ts), run in the simulated container. Prints the pass rate; fails if it drops
 * below the floor recorded in docs/decisions.md.
 */
interface DocLine {
  file: string;
  image: string;
  where: string;
  command?: string[];
  args?: string[];
  env?: Record<string, string>;
  mounts?: string[];
  /** For a probe or hook: the container's own command/args. */
  main?: { command?: string[]; args?: string[] };
}

const T0 = 1_000_000;
const KUBELET_ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOSTNAME: 'web',
  HOME: '/root',
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
};

/** What a doc line needs that its manifest gives from elsewhere (configMap keys, the Job's index), and what it must do. */
/** Keyed by file, or `file|text` for the line of that file whose argv contains `text`. */
const DOC_EXPECT: Record<string, { env?: Record<string, string>; files?: Record<string, string>; exit?: number; out?: string[]; errorOk?: boolean; listen?: number[] }> = {
  'controllers/job-backoff-limit-per-index-example.yaml': { env: { JOB_COMPLETION_INDEX: '1' }, exit: 0, out: ['Hello world'] },
  'controllers/job-backoff-limit-per-index-failindex.yaml': { env: { JOB_COMPLETION_INDEX: '1' }, exit: 42 },
  'controllers/job-success-policy-example.yaml': { env: { JOB_COMPLETION_INDEX: '1' }, exit: 0 },
  'controllers/job-success-policy.yaml': { env: { JOB_COMPLETION_INDEX: '1' }, exit: 1 },
  'controllers/job-pod-failure-policy-example.yaml': { exit: 42 },
  'pods/restart-policy/restart-all-containers.yaml|exit 88': { exit: 88 },
  // Its nginx container answers on localhost:80 of the shared network namespace.
  'pods/multi-container/localhost.yaml': { listen: [80] },
  'pods/multi-container/startup-coordination.yaml': { files: { '/config/app.conf': 'greeting=hello\n' } },
  // The page's own mistake: the nginx image has no stress (a real cluster fails the same way, StartError 128).
  'pods/resource/pod-level-memory-request-limit.yaml': { exit: 128, errorOk: true },
  'controllers/job-pod-failure-policy-failjob.yaml': { exit: 42 },
  'pods/commands.yaml': { exit: 0, out: ['web', 'tcp://10.96.0.1:443'] },
  'pods/inject/dapi-envars-container.yaml': { env: { MY_CPU_REQUEST: '125', MY_CPU_LIMIT: '250', MY_MEM_REQUEST: '33554432', MY_MEM_LIMIT: '67108864' } },
  'pods/pod-configmap-env-var-valueFrom.yaml': { env: { SPECIAL_LEVEL_KEY: 'very', SPECIAL_TYPE_KEY: 'charm' }, out: ['very charm'] },
  'pods/pod-configmap-volume.yaml': { files: { '/etc/config/SPECIAL_LEVEL': 'very', '/etc/config/SPECIAL_TYPE': 'charm' } },
  'pods/pod-configmap-volume-specific-key.yaml': { files: { '/etc/config/keys': 'very' }, out: ['very'] },
  'pods/inject/dapi-volume.yaml': { files: { '/etc/podinfo/labels': 'zone="us-est-coast"', '/etc/podinfo/annotations': 'build="two"' } },
  'pods/inject/dapi-volume-resources.yaml': { files: { '/etc/podinfo/cpu_limit': '1', '/etc/podinfo/cpu_request': '1', '/etc/podinfo/mem_limit': '64', '/etc/podinfo/mem_request': '32' } },
};

const ERROR = /not found|syntax error|can't|bad address|invalid|unknown|usage|illegal|unexpected|no such/i;

interface Outcome {
  ok: boolean;
  why: string;
}

function containerFor(image: string, env: Record<string, string>, files: Record<string, string>, mounts: readonly string[] = []): ContainerEnv | string {
  const resolved = resolveImage(image);
  if (resolved.kind !== 'known') return `image ${image}: ${resolved.kind} (ErrImagePull)`;
  const entry = resolved.entry;
  const fs = new Filesystem(imageFilesystem(entry, { '/etc/hostname': 'web\n', '/etc/resolv.conf': 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n', ...files }), Object.fromEntries(mounts.map((m) => [m, newVolume()])));
  for (const [path, text] of Object.entries(files)) fs.write(path, text);
  return {
    fs,
    pod: { ip: '10.244.1.2', hostname: 'web', listeners: new Map<number, Listener>() },
    cluster: NO_CLUSTER,
    namespace: 'default',
    timeScale: 1,
    env: { ...KUBELET_ENV, ...(entry as { env?: Record<string, string> }).env, ...env },
    image: entry,
    ...({ imageTag: resolved.tag ?? 'latest', workingDir: (entry as { workingDir?: string }).workingDir } as object),
  } as ContainerEnv;
}

function runIn(env: ContainerEnv, argv: readonly string[], seconds = 60, pid1 = true) {
  const lines: { stream: string; line: string }[] = [];
  const proc = programs.startProcess(argv, env, T0, { pid1, onOutput: (stream, line) => lines.push({ stream, line }) });
  proc.advance(T0 + seconds * 1000);
  return { proc, lines, out: lines.map((l) => l.line) };
}

const expandArgs: (argv: readonly string[], env: Readonly<Record<string, string>>) => string[] =
  (programs as { expandContainerArgs?: (a: readonly string[], e: Readonly<Record<string, string>>) => string[] }).expandContainerArgs ?? ((a) => [...a]);

function runDocLine(d: DocLine): Outcome {
  const text = JSON.stringify([...(d.command ?? []), ...(d.args ?? [])]);
  const key = Object.keys(DOC_EXPECT).find((k) => k.startsWith(`${d.file}|`) && text.includes(k.slice(d.file.length + 1)));
  const x = DOC_EXPECT[key ?? d.file] ?? {};
  const env = containerFor(d.image, { ...d.env, ...x.env }, x.files ?? {}, d.mounts);
  if (typeof env === 'string') return { ok: false, why: env };
  for (const port of x.listen ?? []) env.pod.listeners.set(port, { port, program: 'nginx', http: () => ({ status: 200, body: '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n' }), alive: () => true });
  const parsed = parseImageRef(d.image);
  const entry = parsed.ok ? findImage(repositoryName(parsed.ref)) : undefined;
  if (d.where !== 'command') {
    // A probe or hook runs beside the container's main process, which runs first.
    const main = d.main ? programs.containerArgv(entry, d.main) : [...(entry?.entrypoint ?? []), ...(entry?.cmd ?? [])];
    if (main.length) runIn(env, expandArgs(main, env.env), 5);
  }
  const argv = d.where === 'command' ? programs.containerArgv(entry, d) : d.command!;
  const r = runIn(env, expandArgs(argv, env.env), d.where === 'command' ? 60 : 1, d.where === 'command');
  const bad = x.errorOk ? undefined : r.lines.find((l) => l.stream === 'stderr' && ERROR.test(l.line));
  if (bad) return { ok: false, why: `error: ${bad.line}` };
  const want = x.exit ?? 0;
  if (r.proc.exit && r.proc.exit.code !== want) return { ok: false, why: `exit ${r.proc.exit.code}, want ${want}: ${r.out.slice(-2).join(' | ')}` };
  if (x.exit !== undefined && !r.proc.exit) return { ok: false, why: 'still running' };
  if (x.out && JSON.stringify(r.out.slice(0, x.out.length)) !== JSON.stringify(x.out)) return { ok: false, why: `output ${JSON.stringify(r.out.slice(0, 3))}` };
  return { ok: true, why: '' };
}

function runTutorialLine(t: TutorialLine): Outcome {
  const env = containerFor(t.image ?? 'busybox', t.env ?? {}, t.files ?? {});
  if (typeof env === 'string') return { ok: false, why: env };
  const r = runIn(env, ['sh', '-c', t.line]);
  const code = r.proc.exit?.code;
  if (code !== (t.exit ?? 0)) return { ok: false, why: `exit ${code}, want ${t.exit ?? 0}: ${r.out.slice(0, 3).join(' | ')}` };
  if (t.out && JSON.stringify(r.out) !== JSON.stringify(t.out)) return { ok: false, why: `output ${JSON.stringify(r.out.slice(0, 4))}` };
  if (t.contains) {
    let i = 0;
    for (const line of r.out) if (line === t.contains[i]) i++;
    if (i < t.contains.length) return { ok: false, why: `missing ${JSON.stringify(t.contains[i])} in ${JSON.stringify(r.out.slice(0, 4))}` };
    const bad = r.lines.find((l) => l.stream === 'stderr' && ERROR.test(l.line));
    if (bad) return { ok: false, why: `error: ${bad.line}` };
  }
  return { ok: true, why: '' };
}

const safely = (f: () => Outcome): Outcome => {
  try {
    return f();
  } catch (e) {
    return { ok: false, why: `threw ${(e as Error).message}` };
  }
};

/** The pass rate may not drop below these (docs/decisions.md, "The shell"). */
const FLOOR = { docs: Number(process.env.KUBESIM_CORPUS_FLOOR_DOCS ?? 0.95), tutorials: Number(process.env.KUBESIM_CORPUS_FLOOR_TUTORIALS ?? 0.95) };

describe('the shell corpus', () => {
  it('the documentation examples’ lines run as on a cluster', () => {
    const results = (docsCorpus as DocLine[]).map((d) => ({ d, ...safely(() => runDocLine(d)) }));
    const passed = results.filter((r) => r.ok).length;
    const failed = results.filter((r) => !r.ok).map((r) => `  ✗ ${r.d.file} [${r.d.where}] ${JSON.stringify([...(r.d.command ?? []), ...(r.d.args ?? [])]).slice(0, 80)} — ${r.why}`);
    console.log(`shell corpus, docs: ${passed}/${results.length} pass (${((100 * passed) / results.length).toFixed(0)} %)\n${failed.join('\n')}`);
    expect(passed / results.length).toBeGreaterThanOrEqual(FLOOR.docs);
  });

  it('tutorial lines print what busybox/debian print', () => {
    const results = TUTORIAL_LINES.map((t) => ({ t, ...safely(() => runTutorialLine(t)) }));
    const passed = results.filter((r) => r.ok).length;
    const failed = results.filter((r) => !r.ok).map((r) => `  ✗ ${JSON.stringify(r.t.line).slice(0, 70)} — ${r.why}`);
    console.log(`shell corpus, tutorials: ${passed}/${results.length} pass (${((100 * passed) / results.length).toFixed(0)} %)\n${failed.join('\n')}`);
    expect(passed / results.length).toBeGreaterThanOrEqual(FLOOR.tutorials);
  });
});

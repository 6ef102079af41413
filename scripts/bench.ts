/**
 * `npm run bench`: the benchmark suite in one command — the scheduling algorithm, the write path
 * against raw JetStream publishes, the event log's replay against a raw read, pods (POST →
 * Running), a Deployment, and a scale ladder of `kubesim up` clusters — with progress on the
 * terminal, then `docs/benchmarks.md`: this run's numbers beside the anchors (KWOK,
 * kube-scheduler, the pod-startup SLO), as ratios to a baseline measured in the same run where
 * there is one, and an SVG chart of the ladder.
 * Usage: npm run bench [-- --only sched,write,replay,pod,deployment,ladder] [--ladder 10,100,1000 (default 10)] [--nodes-per-process K] [--quick] [--out docs/benchmarks.md]
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { describeSchedulerBench, runSchedulerBench, type SchedulerBenchResult } from './bench-scheduler';
import { ROOT } from './bench-support';
import { describeWritePath, runWritePathBench } from './bench-write-path';
import { ladderSvg, type LadderPoint } from './bench-ladder-chart';

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const QUICK = process.argv.includes('--quick');
const ONLY = (option('only') ?? 'sched,write,replay,pod,deployment,ladder').split(',');
const LADDER = (option('ladder') ?? '10').split(',').map(Number);
/** `kubesim up --nodes-per-process` for the ladder's clusters; unset: up's default layout. */
const PER_PROCESS = option('nodes-per-process');
const OUT = option('out') ?? join(ROOT, 'docs/benchmarks.md');

/** One row of the table. */
interface Row {
  readonly measure: string;
  readonly value: string;
  readonly anchor: string;
  /** This run's value against the anchor or a baseline from the same run. */
  readonly ratio: string;
  /** Before this branch's scheduler/bench work (issue 18's numbers, or measured on its base commit). */
  readonly before?: string;
}

const rows: Row[] = [];
const transcripts: { title: string; text: string }[] = [];
const ladder: LadderPoint[] = [];
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
let step = 0;
const steps = ONLY.filter((s) => s !== 'ladder').length + (ONLY.includes('ladder') ? LADDER.length : 0);
const progress = (what: string) => console.log(`\n[${++step}/${steps}] ${what} (${elapsed()} into the suite)`);

/** Runs a compiled bench script, echoing its output indented, and returns the output. */
function runScript(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(ROOT, 'dist/scripts', script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    // Indent each line of the child's output, whatever the chunks' boundaries.
    const indenter = (w: NodeJS.WriteStream) => {
      let atStart = true;
      return (d: Buffer) => {
        const s = String(d);
        w.write((atStart ? '    ' : '') + s.replace(/\n(?=.)/g, '\n    '));
        atStart = s.endsWith('\n');
      };
    };
    const echo = indenter(process.stdout);
    p.stdout.on('data', (d: Buffer) => {
      out += d;
      echo(d);
    });
    p.stderr.on('data', indenter(process.stderr));
    p.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}`))));
  });
}

const num = (text: string, re: RegExp): number => {
  const m = re.exec(text);
  if (!m) throw new Error(`no ${re} in:\n${text}`);
  return Number(m[1].replace(/,/g, ''));
};
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

async function sched() {
  progress('scheduling algorithm: 10,000 pods onto 5,000 nodes, then 1,000 nodes');
  const pods = QUICK ? 2000 : 10000;
  const results: SchedulerBenchResult[] = [
    runSchedulerBench({ nodes: 5000, pods }),
    // Default spreading walks every node's pods each cycle (as upstream, which does it on 16 threads): fewer pods.
    runSchedulerBench({ nodes: 5000, pods: pods / 5, replicaSet: true }),
    runSchedulerBench({ nodes: 1000, pods }),
  ];
  for (const r of results) console.log(`    ${describeSchedulerBench(r)}`);
  transcripts.push({ title: 'scheduling algorithm', text: results.map(describeSchedulerBench).join('\n') });
  const [basic, rs, small] = results;
  rows.push(
    {
      measure: `scheduling algorithm, ${pods.toLocaleString('en-US')} pods → 5,000 nodes (pods/s; per CPU-second)`,
      value: `${basic.podsPerSecond.toFixed(0)}; ${basic.podsPerCpuSecond.toFixed(0)}`,
      anchor: 'kube-scheduler ~1,150 pods/s at 5,000 nodes; target ≥ 2,000',
      ratio: `${(basic.podsPerSecond / 1150).toFixed(2)}× kube-scheduler (${(basic.podsPerCpuSecond / 1150).toFixed(2)}× per CPU-s)`,
      before: '7.7 pods/s (issue 18); 3.4 pods/s on this machine before (100 pods)',
    },
    {
      measure: `… ${(pods / 5).toLocaleString('en-US')} pods of one ReplicaSet (default spreading over hostname and zone)`,
      value: `${rs.podsPerSecond.toFixed(0)}; ${rs.podsPerCpuSecond.toFixed(0)}`,
      anchor: '—',
      ratio: `${pct(rs.podsPerCpuSecond / basic.podsPerCpuSecond)} of plain pods`,
      before: '3.3 pods/s on this machine before (100 pods)',
    },
    {
      measure: `scheduling algorithm, ${pods.toLocaleString('en-US')} pods → 1,000 nodes`,
      value: `${small.podsPerSecond.toFixed(0)}; ${small.podsPerCpuSecond.toFixed(0)}`,
      anchor: '—',
      ratio: `${(small.podsPerCpuSecond / basic.podsPerCpuSecond).toFixed(2)}× the 5,000-node rate`,
      before: '22 pods/s (issue 18); 20 pods/s on this machine before (300 pods, ReplicaSet)',
    },
  );
}

async function write() {
  progress('write path: apiserver creates vs raw JetStream publishes (1-node kubesim up)');
  const r = await runWritePathBench(QUICK ? 200 : 500, 64);
  const lines = describeWritePath(r);
  for (const l of lines) console.log(`    ${l}`);
  transcripts.push({ title: 'write path', text: lines.join('\n') });
  rows.push({
    measure: 'apiserver create path (HTTP POST, 64 in flight), creates/s',
    value: r.createsPerSecond.toFixed(0),
    anchor: `raw async JetStream publish, same server, same run: ${r.rawPerSecond.toFixed(0)}/s; target ≥ 50 %`,
    ratio: `${pct(r.createsPerSecond / r.rawPerSecond)} of raw`,
    before: '≈ 260 creates/s (issue 18)',
  });
}

async function replay() {
  progress('replay: kubesim replay vs a raw ordered-consumer read');
  const out = await runScript('bench-replay.js', ['--records', QUICK ? '5000' : '20000', '--rounds', QUICK ? '1' : '2']);
  transcripts.push({ title: 'replay', text: out.trim() });
  const ratio = num(out, /\((\d+)% of the raw rate\)/);
  rows.push({
    measure: 'replay into the projection vs raw JetStream ordered-consumer read',
    value: `${out.match(/kubesim replay into the projection:\s+[\d.]+ s\s+(\S+) records/)?.[1] ?? '?'} records`,
    anchor: `raw read, same run: ${out.match(/raw JetStream ordered-consumer read:\s+[\d.]+ s\s+(\S+) records/)?.[1] ?? '?'} records; target ≥ 80 %`,
    ratio: `${ratio} % of raw`,
    before: '53–58 % (issue 18)',
  });
}

async function pod() {
  progress('pods: POST → Running one at a time, then a burst (3-node kubesim up)');
  const out = await runScript('bench-pod.js', ['--pods', QUICK ? '10' : '30', '--burst', '100']);
  transcripts.push({ title: 'pods', text: out.trim() });
  const p99 = num(out, /p99 ([\d.]+) ms/);
  rows.push(
    {
      measure: 'POST → Running, one pod at a time (p50 / p99)',
      value: `${num(out, /p50 ([\d.]+) ms/).toFixed(0)} ms / ${p99.toFixed(0)} ms`,
      anchor: 'pod-startup SLO: p99 ≤ 5 s',
      ratio: `p99 at ${pct(p99 / 5000)} of the SLO`,
      before: 'p50 57 ms, p95 152 ms (issue 18)',
    },
    {
      measure: 'burst of 100 pods to Running (3 nodes), pods/s',
      value: num(out, /\(([\d.]+) pods\/s\)/).toFixed(1),
      anchor: 'KWOK: 10,000 pods Running within 60 s (≈ 167 pods/s)',
      ratio: `${(num(out, /\(([\d.]+) pods\/s\)/) / (10000 / 60)).toFixed(2)}× KWOK's rate`,
      before: '30 pods/s (issue 18)',
    },
  );
}

async function deployment() {
  progress('Deployment: 100 replicas on 5 nodes, then a rolling update');
  const out = await runScript('bench-deployment.js', ['--replicas', '100', '--nodes', '5']);
  transcripts.push({ title: 'deployment', text: out.trim() });
  rows.push({
    measure: 'Deployment of 100 on 5 nodes: create → all available',
    value: `${num(out, /available: ([\d.]+) s/).toFixed(1)} s (${num(out, /\(([\d.]+) pods\/s\)/).toFixed(1)} pods/s)`,
    anchor: 'KWOK ≈ 167 pods/s',
    ratio: `${(num(out, /\(([\d.]+) pods\/s\)/) / (10000 / 60)).toFixed(2)}× KWOK's rate`,
    before: '5.7 s ≈ 18 pods/s (issue 18)',
  });
}

async function scaleLadder() {
  for (const nodes of LADDER) {
    progress(`scale ladder: ${nodes} nodes, a Deployment of ${nodes * 10}`);
    const out = await runScript('bench-deployment.js', ['--replicas', String(nodes * 10), '--nodes', String(nodes), ...(PER_PROCESS ? ['--nodes-per-process', PER_PROCESS] : [])]);
    transcripts.push({ title: `ladder: ${nodes} nodes`, text: out.trim() });
    const readyS = num(out, /Ready: (\d+) ms/) / 1000;
    const podsPerS = num(out, /\(([\d.]+) pods\/s\)/);
    ladder.push({ nodes, readyS, podsPerS });
    rows.push({
      measure: `ladder: ${nodes} nodes — kubesim up → all Ready; Deployment of ${nodes * 10}`,
      value: `${readyS.toFixed(1)} s; ${podsPerS.toFixed(1)} pods/s`,
      anchor: 'KWOK: 5,000 nodes Ready within 60 s (≈ 83 nodes/s)',
      ratio: `${(nodes / readyS / (5000 / 60)).toFixed(3)}× KWOK's nodes/s`,
      before: { 10: '11 s (issue 18)', 100: '86 s; 1,000 pods at 2.7 pods/s (issue 18)' }[nodes],
    });
  }
}

/** As profiled when the suite was written (issue 18); true until the pieces named land. */
const BOUNDS = [
  '- Scheduling algorithm: one thread filters ~500 of 5,000 nodes per pod and scores them (upstream: 16 goroutines).',
  '  Per node a cycle touches NodeInfos it has not seen for ~10 cycles, so on a busy machine it is bound by memory',
  '  latency, not by parsing (requests are parsed once per pod now). Default spreading (pods of a ReplicaSet) also',
  "  walks every node's pods once per cycle for the zone constraint, as upstream does in parallel.",
  '- Write path: the apiserver runs commands one at a time, each waiting for its append to be acknowledged and for',
  '  its own projection to apply it, so creates/s is about 1 / (two NATS round trips), far below a pipelined publish.',
  '- Clusters: every node is a Node.js process following the whole stream (no node pools or targeted fan-out yet),',
  '  so time to Ready and pods/s fall as nodes are added.',
];

function markdown(): string {
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.versions.node},`,
    `load average at the end ${load} (a shared machine: expect ±15 % or worse between runs; compare the ratios, which are measured in the same run).`,
    `Time scale 1, images preloaded (no pull delay). Suite time: ${elapsed()}.`,
    '',
    '| measure | this run | anchor / baseline | ratio | before |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.anchor} | ${r.ratio} | ${r.before ?? '—'} |`),
    '',
    'Anchors: KWOK holds 5,000 nodes Ready and 10,000 pods Running within 60 s each on a CI runner;',
    "kube-scheduler's scheduler_perf places ~1,150 pods/s at 5,000 nodes; Kubernetes' pod-startup SLO is p99 ≤ 5 s.",
    '"per CPU-second": pods scheduled per second of the process\'s own CPU time, which other load on the machine',
    'disturbs less than the wall clock.',
  ];
  lines.push('', '## What bounds the misses', '', ...BOUNDS);
  if (ladder.length > 0) lines.push('', '## Scale ladder', '', ladderSvg(ladder));
  lines.push('', '## Transcripts', '');
  for (const t of transcripts) lines.push(`### ${t.title}`, '', '```', t.text, '```', '');
  return lines.join('\n') + '\n';
}

async function main() {
  const all: Record<string, () => Promise<void>> = { sched, write, replay, pod, deployment, ladder: scaleLadder };
  console.log(`kubesim bench suite: ${ONLY.join(', ')}${ONLY.includes('ladder') ? ` (ladder ${LADDER.join(' → ')} nodes)` : ''}`);
  for (const name of ONLY) {
    const run = all[name];
    if (!run) throw new Error(`unknown part ${name}: one of ${Object.keys(all).join(', ')}`);
    try {
      await run();
    } catch (e) {
      console.error(`  ${name} failed: ${e instanceof Error ? e.message : e}`);
      rows.push({ measure: name, value: 'failed', anchor: '—', ratio: '—', before: String(e instanceof Error ? e.message : e).slice(0, 80) });
    }
  }
  writeFileSync(OUT, markdown());
  console.log(`\nwrote ${OUT} (${elapsed()})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

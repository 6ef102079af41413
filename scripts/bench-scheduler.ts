/**
 * Benchmark: the scheduling algorithm alone (libs/scheduling, one process, no NATS), as
 * scheduler_perf's SchedulingBasic: N pods (100m cpu, 500Mi memory) onto M nodes (4 cpu, 32Gi,
 * 110 pods, three zones) with the default profile. Each cycle takes the cache's snapshot, runs
 * `schedulePod` from the previous cycle's `nextStartNodeIndex`, and assumes the pod on the chosen
 * node, as the scheduler service does (binding is asynchronous, so it costs the loop nothing).
 * Usage: npm run build && node dist/scripts/bench-scheduler.js [--nodes 5000] [--pods 10000] [--percentage 0] [--basic|--replicaset]
 */
import type { Node, Pod } from '@kubesim/api';
import { defaultProfile, makeNode, makePod, SchedulerCache, schedulePod } from '@kubesim/scheduling';
import { arg } from './bench-support';

export interface SchedulerBenchOptions {
  readonly nodes: number;
  readonly pods: number;
  /** percentageOfNodesToScore; 0 = adaptive (upstream's default). */
  readonly percentage?: number;
  /** Pods of one ReplicaSet: the default spreading over hostname and zone applies. */
  readonly replicaSet?: boolean;
}

export interface SchedulerBenchResult extends SchedulerBenchOptions {
  readonly ms: number;
  readonly podsPerSecond: number;
  /** Pods per second of this process's CPU time: what the loop costs, whatever else the machine runs. */
  readonly podsPerCpuSecond: number;
  readonly meanEvaluatedNodes: number;
}

const benchNode = (i: number): Node =>
  makeNode(`node-${i}`).capacity({ cpu: '4', memory: '32Gi', pods: '110' }).labels({ 'topology.kubernetes.io/zone': `zone-${i % 3}` }).build();

const benchPod = (i: number): Pod => makePod(`pod-${i}`).labels({ app: 'bench' }).requests({ cpu: '100m', memory: '500Mi' }).build();

/** Schedules every pod; throws if one does not fit (the cluster is sized so that all do). */
export function runSchedulerBench(opts: SchedulerBenchOptions): SchedulerBenchResult {
  const cache = new SchedulerCache();
  for (let i = 0; i < opts.nodes; i++) cache.updateNode(benchNode(i));
  const pods = Array.from({ length: opts.pods }, (_, i) => benchPod(i));
  const cycle = opts.replicaSet ? { defaultSpreadSelector: { matchLabels: { app: 'bench' } } } : {};
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  let start = 0;
  let evaluated = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const pod of pods) {
    const r = schedulePod(pod, cache.snapshot(), defaultProfile, rand, cycle, { startNodeIndex: start, percentageOfNodesToScore: opts.percentage ?? 0 });
    if (r.kind !== 'Scheduled') throw new Error(`${pod.metadata.name}: ${r.kind === 'Unschedulable' || r.kind === 'Error' ? r.message : ''}`);
    start = r.nextStartNodeIndex;
    evaluated += r.evaluatedNodes;
    cache.assumePod({ ...pod, spec: { ...pod.spec, nodeName: r.node } });
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { ...opts, ms, podsPerSecond: (opts.pods / ms) * 1000, podsPerCpuSecond: (opts.pods / cpuMs) * 1000, meanEvaluatedNodes: evaluated / opts.pods };
}

export function describeSchedulerBench(r: SchedulerBenchResult): string {
  const pct = r.percentage ? `${r.percentage} % of nodes` : 'adaptive percentageOfNodesToScore';
  return `${r.pods} pods onto ${r.nodes} nodes${r.replicaSet ? ' (one ReplicaSet: default spreading)' : ''}, ${pct}: ${r.podsPerSecond.toFixed(0)} pods/s (${r.podsPerCpuSecond.toFixed(0)} per CPU-second; ${(r.ms / 1000).toFixed(1)} s, ${r.meanEvaluatedNodes.toFixed(0)} nodes filtered per pod)`;
}

if (require.main === module) {
  const nodes = arg('nodes', 5000);
  const pods = arg('pods', 10000);
  const percentage = arg('percentage', 0);
  console.log('kubesim bench: the scheduling algorithm (libs/scheduling), default profile');
  const only = process.argv.includes('--basic') ? [false] : process.argv.includes('--replicaset') ? [true] : [false, true];
  for (const replicaSet of only) console.log(`  ${describeSchedulerBench(runSchedulerBench({ nodes, pods, percentage, replicaSet }))}`);
}

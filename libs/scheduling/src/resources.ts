import { baseUnits, Container, milliCpu, Node, Pod, ResourceList } from '@kubesim/api';

/** Resources other than cpu, memory and pods, by name: `ephemeral-storage`, hugepages, extended resources (`example.com/foo`). */
export type ScalarResources = Readonly<Record<string, number>>;

/** Amounts the scheduler accounts for: cpu in millicores, memory in bytes, a pod count, and every other resource in base units. */
export interface Resources {
  readonly milliCpu: number;
  readonly memory: number;
  readonly pods: number;
  readonly scalar: ScalarResources;
}

/** Upstream `DefaultMilliCPURequest`: what a container with no cpu request counts as, for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Upstream `DefaultMemoryRequest` (200 MiB), for scoring only. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export const ZERO_RESOURCES: Resources = { milliCpu: 0, memory: 0, pods: 0, scalar: {} };

export interface PodRequestOptions {
  /** Count a container with no cpu/memory request as 100m / 200Mi (upstream `NonMissingContainerRequests`). */
  readonly nonZero?: boolean;
}

type Amounts = { milliCpu: number; memory: number; scalar: ScalarResources };

const NONE: Amounts = { milliCpu: 0, memory: 0, scalar: {} };
const finite = (n: number): number => (Number.isFinite(n) ? n : 0);

function scalarOf(list: ResourceList): ScalarResources {
  const out: Record<string, number> = {};
  for (const [name, q] of Object.entries(list)) {
    if (name !== 'cpu' && name !== 'memory' && name !== 'pods') out[name] = finite(baseUnits(q));
  }
  return out;
}

function combineScalar(a: ScalarResources, b: ScalarResources, f: (x: number, y: number) => number): ScalarResources {
  const out: Record<string, number> = { ...a };
  for (const [name, v] of Object.entries(b)) out[name] = f(out[name] ?? 0, v);
  return out;
}

function containerRequests(c: Container, opts: PodRequestOptions): Amounts {
  // Limits default requests (SetDefaults_Pod); done again here for objects that were never defaulted.
  const req: ResourceList = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
  const cpu = req.cpu === undefined && opts.nonZero ? DEFAULT_MILLI_CPU_REQUEST : finite(milliCpu(req.cpu));
  const mem = req.memory === undefined && opts.nonZero ? DEFAULT_MEMORY_REQUEST : finite(baseUnits(req.memory));
  return { milliCpu: cpu, memory: mem, scalar: scalarOf(req) };
}

const sum = (x: number, y: number) => x + y;
const add = (a: Amounts, b: Amounts): Amounts => ({
  milliCpu: a.milliCpu + b.milliCpu,
  memory: a.memory + b.memory,
  scalar: combineScalar(a.scalar, b.scalar, sum),
});
const max = (a: Amounts, b: Amounts): Amounts => ({
  milliCpu: Math.max(a.milliCpu, b.milliCpu),
  memory: Math.max(a.memory, b.memory),
  scalar: combineScalar(a.scalar, b.scalar, Math.max),
});

/**
 * The pod's effective request, as upstream `resourcehelper.PodRequests` computes it:
 * max(sum of app containers + sidecars, max over init containers), where each regular init
 * container also carries the sidecars started before it, plus `spec.overhead`. `pods` is always 1.
 */
export function podRequests(pod: Pod, opts: PodRequestOptions = {}): Resources {
  let total: Amounts = NONE;
  for (const c of pod.spec.containers ?? []) total = add(total, containerRequests(c, opts));
  let sidecars: Amounts = NONE;
  let init: Amounts = NONE;
  for (const c of pod.spec.initContainers ?? []) {
    const own = containerRequests(c, opts);
    if (c.restartPolicy === 'Always') {
      total = add(total, own);
      sidecars = add(sidecars, own);
      init = max(init, sidecars);
    } else {
      init = max(init, add(own, sidecars));
    }
  }
  const overhead = (pod.spec.overhead as ResourceList | undefined) ?? {};
  const result = add(max(total, init), {
    milliCpu: finite(milliCpu(overhead.cpu)),
    memory: finite(baseUnits(overhead.memory)),
    scalar: scalarOf(overhead),
  });
  return { ...result, pods: 1 };
}

/** `node.status.allocatable` as scheduler amounts; a missing entry counts as 0, as upstream. */
export function nodeAllocatable(node: Node): Resources {
  const a: ResourceList = node.status?.allocatable ?? {};
  return {
    milliCpu: finite(milliCpu(a.cpu)),
    memory: finite(baseUnits(a.memory)),
    pods: finite(baseUnits(a.pods)),
    scalar: scalarOf(a),
  };
}

export function addResources(a: Resources, b: Resources): Resources {
  return {
    milliCpu: a.milliCpu + b.milliCpu,
    memory: a.memory + b.memory,
    pods: a.pods + b.pods,
    scalar: combineScalar(a.scalar, b.scalar, sum),
  };
}

import { baseUnits, Container, milliCpu, Node, Pod, ResourceList } from '@kubesim/api';

/** Amounts the scheduler accounts for: cpu in millicores, memory in bytes, and a pod count. */
export interface Resources {
  readonly milliCpu: number;
  readonly memory: number;
  readonly pods: number;
}

/** Upstream `DefaultMilliCPURequest`: what a container with no cpu request counts as, for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Upstream `DefaultMemoryRequest` (200 MiB), for scoring only. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export const ZERO_RESOURCES: Resources = { milliCpu: 0, memory: 0, pods: 0 };

export interface PodRequestOptions {
  /** Count a container with no cpu/memory request as 100m / 200Mi (upstream `NonMissingContainerRequests`). */
  readonly nonZero?: boolean;
}

type Amounts = { milliCpu: number; memory: number };

const finite = (n: number): number => (Number.isFinite(n) ? n : 0);

function containerRequests(c: Container, opts: PodRequestOptions): Amounts {
  const req: ResourceList = c.resources?.requests ?? {};
  const cpu = req.cpu === undefined && opts.nonZero ? DEFAULT_MILLI_CPU_REQUEST : finite(milliCpu(req.cpu));
  const mem = req.memory === undefined && opts.nonZero ? DEFAULT_MEMORY_REQUEST : finite(baseUnits(req.memory));
  return { milliCpu: cpu, memory: mem };
}

const add = (a: Amounts, b: Amounts): Amounts => ({ milliCpu: a.milliCpu + b.milliCpu, memory: a.memory + b.memory });
const max = (a: Amounts, b: Amounts): Amounts => ({
  milliCpu: Math.max(a.milliCpu, b.milliCpu),
  memory: Math.max(a.memory, b.memory),
});

/**
 * The pod's effective request, as upstream `resourcehelper.PodRequests` computes it:
 * max(sum of app containers + sidecars, max over init containers), where each regular init
 * container also carries the sidecars started before it, plus `spec.overhead`. `pods` is always 1.
 */
export function podRequests(pod: Pod, opts: PodRequestOptions = {}): Resources {
  let sum: Amounts = { milliCpu: 0, memory: 0 };
  for (const c of pod.spec.containers ?? []) sum = add(sum, containerRequests(c, opts));
  let sidecars: Amounts = { milliCpu: 0, memory: 0 };
  let init: Amounts = { milliCpu: 0, memory: 0 };
  for (const c of pod.spec.initContainers ?? []) {
    const own = containerRequests(c, opts);
    if (c.restartPolicy === 'Always') {
      sum = add(sum, own);
      sidecars = add(sidecars, own);
      init = max(init, sidecars);
    } else {
      init = max(init, add(own, sidecars));
    }
  }
  const overhead = pod.spec.overhead as ResourceList | undefined;
  const total = add(max(sum, init), {
    milliCpu: finite(milliCpu(overhead?.cpu)),
    memory: finite(baseUnits(overhead?.memory)),
  });
  return { ...total, pods: 1 };
}

/** `node.status.allocatable` as scheduler amounts; a missing entry counts as 0, as upstream. */
export function nodeAllocatable(node: Node): Resources {
  const a: ResourceList = node.status?.allocatable ?? {};
  return { milliCpu: finite(milliCpu(a.cpu)), memory: finite(baseUnits(a.memory)), pods: finite(baseUnits(a.pods)) };
}

export function addResources(a: Resources, b: Resources): Resources {
  return { milliCpu: a.milliCpu + b.milliCpu, memory: a.memory + b.memory, pods: a.pods + b.pods };
}

import { Pod } from '@kubesim/api';
import { ClusterEvent, SchedulingQueue, SchedulingQueueOptions } from './scheduling-queue';
import { makePod } from './testing/builders';

class FakeClock {
  t = 0;
  readonly now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

function setup(opts: Partial<SchedulingQueueOptions> = {}) {
  const clock = new FakeClock();
  const queue = new SchedulingQueue({ now: clock.now, ...opts });
  return { clock, queue };
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata.name);

/** Pops the pod and fails it with a FitError on its `attempts`-th attempt. */
function fail(queue: SchedulingQueue, pod: Pod, attempts = 1) {
  queue.add(pod);
  expect(queue.pop()?.metadata.name).toBe(pod.metadata.name);
  queue.addUnschedulable(pod, attempts);
}

describe('SchedulingQueue: activeQ', () => {
  it('pops by priority, then by enqueue time', () => {
    const { clock, queue } = setup();
    queue.add(makePod('a').build());
    clock.advance(1);
    queue.add(makePod('b').priority(10).build());
    clock.advance(1);
    queue.add(makePod('c').build());
    expect([queue.pop(), queue.pop(), queue.pop(), queue.pop()].map((p) => p?.metadata.name)).toEqual(['b', 'a', 'c', undefined]);
  });

  it('keys pods by uid: adding twice queues once', () => {
    const { queue } = setup();
    queue.add(makePod('a').build());
    queue.add(makePod('a').labels({ v: '2' }).build());
    expect(queue.pending().active.map((p) => p.metadata.labels?.v)).toEqual(['2']);
  });

  it('a pod that got a node leaves the queue', () => {
    const { queue } = setup();
    queue.add(makePod('a').build());
    queue.update(makePod('a').nodeName('n1').build());
    expect(queue.where('uid-a')).toBeUndefined();
  });
});

describe('SchedulingQueue: back-off', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 10_000],
    [12, 10_000],
  ])('after %i attempt(s) the back-off is %i ms', (attempts, ms) => {
    expect(setup().queue.backoffDuration(attempts)).toBe(ms);
  });

  it.each([
    [1, 100],
    [5, 1_000],
  ])('timeScale 0.1 scales the back-off: %i attempt(s) → %i ms', (attempts, ms) => {
    expect(setup({ timeScale: 0.1 }).queue.backoffDuration(attempts)).toBe(ms);
  });

  it('an errored pod waits out its back-off in backoffQ', () => {
    const { clock, queue } = setup();
    const pod = makePod('a').build();
    queue.add(pod);
    queue.pop();
    queue.addBackoff(pod, 3);
    expect(queue.where(pod)).toBe('backoff');
    expect(queue.nextWakeAt()).toBe(4_000);
    clock.advance(3_999);
    expect(queue.flushBackoffCompleted()).toBe(0);
    clock.advance(1);
    expect(queue.flushBackoffCompleted()).toBe(1);
    expect(queue.where(pod)).toBe('active');
    expect(queue.nextWakeAt()).toBe(4_000);
  });

  it('wakes on the 1 s flush tick after the back-off expires', () => {
    const { clock, queue } = setup();
    clock.advance(300);
    const pod = makePod('a').build();
    fail(queue, pod, 1);
    queue.moveAllToActiveOrBackoff(ClusterEvent.NodeAdd);
    expect(queue.where(pod)).toBe('backoff');
    expect(queue.nextWakeAt()).toBe(2_000); // expires at 1.3 s, flushed at the 2 s tick
  });
});

describe('SchedulingQueue: unschedulable pool', () => {
  it('a FitError parks the pod until a cluster event', () => {
    const { clock, queue } = setup();
    const pod = makePod('a').build();
    fail(queue, pod);
    expect(queue.where(pod)).toBe('unschedulable');
    expect(queue.pop()).toBeUndefined();
    clock.advance(2_000);
    expect(queue.moveAllToActiveOrBackoff(ClusterEvent.NodeAdd)).toBe(1);
    expect(queue.where(pod)).toBe('active');
    expect(queue.pop()?.metadata.name).toBe('a');
  });

  it('a node added during the back-off moves the pod to backoffQ first', () => {
    const { clock, queue } = setup();
    const pod = makePod('a').build();
    fail(queue, pod, 2);
    clock.advance(500);
    queue.moveAllToActiveOrBackoff(ClusterEvent.NodeAdd);
    expect(queue.where(pod)).toBe('backoff');
    clock.advance(1_500);
    queue.flushBackoffCompleted();
    expect(queue.where(pod)).toBe('active');
  });

  it('an event during the scheduling attempt sends the failed pod to backoffQ, not the pool', () => {
    const { queue } = setup();
    const pod = makePod('a').build();
    queue.add(pod);
    queue.pop();
    queue.moveAllToActiveOrBackoff(ClusterEvent.AssignedPodDelete);
    queue.addUnschedulable(pod, 1);
    expect(queue.where(pod)).toBe('backoff');
  });

  it('a pod being bound retries only pods with pod affinity or spread constraints', () => {
    const { queue } = setup();
    const plain = makePod('plain').build();
    const affine = makePod('affine').podAffinity('zone', { app: 'cache' }).build();
    const spread = makePod('spread').spread('zone', 1, { app: 'web' }).build();
    for (const p of [plain, affine, spread]) fail(queue, p);
    expect(queue.moveAllToActiveOrBackoff(ClusterEvent.AssignedPodAdd)).toBe(2);
    expect(queue.where(plain)).toBe('unschedulable');
  });

  it('a pod bound during the attempt of a pod with pod affinity sends that pod to backoffQ', () => {
    const { queue } = setup();
    const affine = makePod('affine').podAffinity('zone', { app: 'cache' }).build();
    queue.add(affine);
    queue.pop();
    queue.moveAllToActiveOrBackoff(ClusterEvent.AssignedPodAdd);
    queue.addUnschedulable(affine, 1);
    expect(queue.where(affine)).toBe('backoff');
  });

  it('a bound pod relabelled also retries pods with required anti-affinity', () => {
    const { queue } = setup();
    const plain = makePod('plain').build();
    const anti = makePod('anti').podAntiAffinity('zone', { app: 'web' }).build();
    for (const p of [plain, anti]) fail(queue, p);
    expect(queue.moveAllToActiveOrBackoff(ClusterEvent.AssignedPodUpdate)).toBe(1);
    expect(queue.where(anti)).toBe('backoff');
    expect(queue.where(plain)).toBe('unschedulable');
  });

  it('a pod bound during an attempt does not send the failed pod to backoffQ', () => {
    const { queue } = setup();
    const pod = makePod('a').build();
    queue.add(pod);
    queue.pop();
    queue.moveAllToActiveOrBackoff(ClusterEvent.AssignedPodAdd);
    queue.addUnschedulable(pod, 1);
    expect(queue.where(pod)).toBe('unschedulable');
  });

  it('is flushed after more than 5 min, on the 30 s tick', () => {
    const { clock, queue } = setup();
    const pod = makePod('a').build();
    clock.advance(7_000);
    fail(queue, pod);
    expect(queue.nextWakeAt()).toBe(330_000);
    clock.t = 307_000; // exactly 5 min: not yet
    expect(queue.flushUnschedulableLeftover()).toBe(0);
    clock.t = 330_000;
    expect(queue.flushUnschedulableLeftover()).toBe(1);
    expect(queue.where(pod)).toBe('active');
  });

  it('timeScale shrinks the 5 min stay and the 30 s tick', () => {
    const { clock, queue } = setup({ timeScale: 0.1 });
    const pod = makePod('a').build();
    fail(queue, pod);
    expect(queue.nextWakeAt()).toBe(33_000);
    clock.t = 33_000;
    expect(queue.flushUnschedulableLeftover()).toBe(1);
  });

  it.each<[string, (p: ReturnType<typeof makePod>) => ReturnType<typeof makePod>, string]>([
    ['a spec change retries the pod', (b) => b.toleration({ key: 'x', operator: 'Exists' }), 'active'],
    ['a label change retries the pod', (b) => b.labels({ app: 'web' }), 'active'],
    ['a status-only change leaves it parked', (b) => b.phase('Unknown'), 'unschedulable'],
  ])('update: %s', (_name, change, where) => {
    const { clock, queue } = setup();
    fail(queue, makePod('a').build());
    clock.advance(5_000);
    queue.update(change(makePod('a')).build());
    expect(queue.where('uid-a')).toBe(where);
  });
});

describe('SchedulingQueue: bookkeeping', () => {
  it('a pod is never in two queues', () => {
    const { clock, queue } = setup();
    const pod = makePod('a').build();
    fail(queue, pod);
    queue.add(pod);
    queue.addUnschedulable(pod, 2);
    clock.advance(400_000);
    queue.moveAllToActiveOrBackoff(ClusterEvent.NodeUpdate);
    queue.flushBackoffCompleted();
    const all = Object.values(queue.pending()).flat();
    expect(names(all)).toEqual(['a']);
  });

  it('a pod deleted while in flight is not requeued', () => {
    const { queue } = setup();
    const pod = makePod('a').build();
    queue.add(pod);
    queue.pop();
    queue.delete(pod);
    queue.addUnschedulable(pod, 1);
    expect(queue.where(pod)).toBeUndefined();
    expect(queue.nextWakeAt()).toBeUndefined();
  });

  it('nextWakeAt is now while activeQ has pods, undefined when empty', () => {
    const { clock, queue } = setup();
    expect(queue.nextWakeAt()).toBeUndefined();
    clock.advance(42);
    queue.add(makePod('a').build());
    expect(queue.nextWakeAt()).toBe(42);
  });
});

import type { Node, Taint } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { Store, type Change, type ClusterEvent } from '@kubesim/core';
import type { Projection } from '@kubesim/eventlog';
import { aNode, aPod, namespaceCreated, nodeRegistered, podBound, podCreated } from '@kubesim/testing';
import { ControllerManagerConfig } from '../controller-manager.config';
import { TaintEvictionController } from './taint-eviction.controller';

/** The controller against an in-memory projection and a recording API client, on fake timers. */
function setup() {
  const store = new Store();
  const listeners = new Set<(c: Change) => void>();
  let seq = 0;
  const write = (events: ClusterEvent[]) => {
    const c = store.apply(++seq, { v: 1, events });
    if (c) for (const l of listeners) l(c);
  };
  const projection = { store, subscribe: (l: (c: Change) => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as Projection;
  const calls: string[] = [];
  const ok = async () => ({ ok: true as const, resourceVersion: '1' });
  const api = {
    setPodCondition: async (r: { name: string; condition: { type: string; reason?: string } }) => (calls.push(`condition ${r.name} ${r.condition.type}/${r.condition.reason}`), ok()),
    recordEvent: async (r: { reason: string; message: string }) => (calls.push(`event ${r.reason}: ${r.message}`), ok()),
    deletePod: async (r: { name: string }) => (calls.push(`delete ${r.name}`), ok()),
  } as unknown as ApiClient;
  const config = Object.assign(new ControllerManagerConfig(), { timeScale: 0.1 });
  const controller = new TaintEvictionController(projection, api, config);
  return { write, calls, controller };
}

const T0 = Date.parse('2024-05-01T10:00:00Z');
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2024-05-01T10:00:00Z' };
const taints = (...t: Taint[]): ClusterEvent[] => [{ at: '2024-05-01T10:00:00Z', by: 'spec', type: 'NodeSpecChanged', name: 'node-2', spec: { taints: t } }];

describe('TaintEvictionController', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('after the default 300 s (× 0.1): DisruptionTarget, Marking for deletion, a graceful delete', async () => {
    const { write, calls, controller } = setup();
    [namespaceCreated(), nodeRegistered(aNode('node-2') as Node), podCreated(aPod('x')), podBound('x', 'node-2')].forEach(write);
    controller.onApplicationBootstrap();
    write(taints(unreachable));

    await vi.advanceTimersByTimeAsync(29_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual(['condition x DisruptionTarget/DeletionByTaintManager', 'event TaintManagerEviction: Marking for deletion Pod default/x', 'delete x']);
    controller.onApplicationShutdown();
  });

  it('a taint that goes first cancels the deletion, with an event', async () => {
    const { write, calls, controller } = setup();
    [namespaceCreated(), nodeRegistered(aNode('node-2') as Node), podCreated(aPod('x')), podBound('x', 'node-2')].forEach(write);
    controller.onApplicationBootstrap();
    write(taints(unreachable));
    await vi.advanceTimersByTimeAsync(10_000);
    write(taints());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['event TaintManagerEviction: Cancelling deletion of Pod default/x']);
    controller.onApplicationShutdown();
  });

  it('a pod without a matching toleration goes at once', async () => {
    const { write, calls, controller } = setup();
    const bare = aPod('y');
    [namespaceCreated(), nodeRegistered(aNode('node-2') as Node), podCreated({ ...bare, spec: { ...bare.spec, tolerations: [] } }), podBound('y', 'node-2')].forEach(write);
    controller.onApplicationBootstrap();
    write(taints({ key: 'dedicated', value: 'db', effect: 'NoExecute' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['condition y DisruptionTarget/DeletionByTaintManager', 'event TaintManagerEviction: Marking for deletion Pod default/y', 'delete y']);
    controller.onApplicationShutdown();
  });
});

import type { ClusterEvent, EventOf } from './events';
import type { DecideContext } from './view';

export type NodeProcessActionKind = EventOf<'NodeProcessAction'>['action'];
export const NODE_PROCESS_ACTIONS: readonly NodeProcessActionKind[] = ['kill', 'start', 'stop', 'partition', 'heal', 'add'];

/**
 * What-if (issue 5): `kubesim up` records what `kubesim node kill|start|stop|partition|heal|add`
 * did to a kubelet process, so that the log holds every user action and a resimulation can repeat
 * it. Nothing about the Node changes: its process is not an API object.
 */
export type NodeProcessCommand = {
  type: 'RecordNodeProcessAction';
  name: string;
  action: NodeProcessActionKind;
  node?: EventOf<'NodeProcessAction'>['node'];
};

export function recordNodeProcessAction(c: NodeProcessCommand, ctx: DecideContext): ClusterEvent[] {
  return [
    {
      at: new Date(ctx.now).toISOString(),
      by: ctx.by,
      ...(ctx.cause ? { cause: ctx.cause } : {}),
      type: 'NodeProcessAction',
      name: c.name,
      action: c.action,
      ...(c.node ? { node: c.node } : {}),
      timeScale: ctx.timeScale,
    },
  ];
}

/** How a replay tells it: "node-2 killed by user:kubesim (SIGKILL of its kubelet)". */
export function describeNodeProcessAction(e: EventOf<'NodeProcessAction'>): string {
  const what = {
    kill: 'killed',
    start: 'started',
    stop: 'stopped',
    partition: 'partitioned',
    heal: 'healed',
    add: 'added',
  } satisfies Record<NodeProcessActionKind, string>;
  const how = {
    kill: 'SIGKILL of its kubelet',
    start: 'its kubelet started again',
    stop: 'SIGTERM to its kubelet',
    partition: 'its kubelet cut off from NATS',
    heal: 'its kubelet can reach NATS again',
    add: 'a new kubelet',
  } satisfies Record<NodeProcessActionKind, string>;
  // `kubesim node kill-pool`: each node of the pool recorded as killed, the rack named.
  const pool = e.action === 'kill' ? /^kubesim node kill-pool (\S+?):?(\s|$)/.exec(e.cause ?? '')?.[1] : undefined;
  return `${e.name} ${what[e.action]} by ${e.by} (${pool ? `SIGKILL of its kubelet pool ${pool}: the rack is lost` : how[e.action]})`;
}

/**
 * A node pool's control subject: one kubelet process hosting many nodes takes `kubesim node
 * kill|stop|start|partition|heal` for each of them over NATS request/reply (a pool may run on
 * another machine), from `kubesim up`.
 */
export const poolControlSubject = (pool: string) => `kubesim.pool.${pool}.control`;

/** One node of a pool, as `KUBESIM_POOL_NODES` lists it (unset fields: the pool's `KUBESIM_NODE_*`). */
export interface PoolNodeSpec {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: number;
  /** `key=value,key2=value2` */
  labels?: string;
  /** `key=value:NoSchedule,key2:NoExecute` */
  taints?: string;
  /** `example.com/foo=2,ephemeral-storage=50Gi` */
  resources?: string;
  ip?: string;
  bootId?: string;
}

/** What a pool is asked to do to one of its nodes; `start` carries the node (its boot may be new). */
export type PoolControlRequest = { op: 'start'; node: PoolNodeSpec } | { op: 'stop' | 'kill' | 'partition' | 'heal'; name: string };

export type PoolControlReply = { ok: true; message: string } | { ok: false; error: string };

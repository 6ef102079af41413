/**
 * The lifecycle of one node in a kubelet pool, pure: what a request does to it and what the pool
 * must then do. A node started while partitioned waits for the network (`pending`) and boots on
 * heal, as a kubelet process started behind a cut cable keeps dialling NATS.
 */
export type PoolNodeProcess = 'running' | 'pending' | 'stopped';

export interface PoolNodeState {
  process: PoolNodeProcess;
  partitioned: boolean;
}

export type PoolNodeOp = 'start' | 'stop' | 'kill' | 'partition' | 'heal';

/** boot: a new KubeletService registers the node; shutdown: graceful; halt: lost at once; cut/reconnect: the partition. */
export type PoolNodeEffect = 'boot' | 'shutdown' | 'halt' | 'cut' | 'reconnect';

export type PoolNodeDecision = { ok: true; state: PoolNodeState; effect?: PoolNodeEffect; message: string } | { ok: false; error: string };

export const initialPoolNodeState: PoolNodeState = { process: 'stopped', partitioned: false };

const live = (s: PoolNodeState) => s.process !== 'stopped';

export function decidePoolNode(s: PoolNodeState, op: PoolNodeOp, name: string): PoolNodeDecision {
  switch (op) {
    case 'start':
      if (live(s)) return { ok: false, error: `the kubelet of ${name} is already running` };
      return s.partitioned
        ? { ok: true, state: { ...s, process: 'pending' }, message: `node/${name} started; it is still partitioned: kubesim node heal ${name}` }
        : { ok: true, state: { ...s, process: 'running' }, effect: 'boot', message: `node/${name} started` };
    case 'stop':
    case 'kill': {
      if (!live(s)) return { ok: false, error: `the kubelet of ${name} is not running` };
      const message = op === 'stop' ? `node/${name} stopped (gracefully, as SIGTERM)` : `node/${name} killed (at once, as SIGKILL)`;
      return { ok: true, state: { ...s, process: 'stopped' }, ...(s.process === 'running' ? { effect: op === 'stop' ? 'shutdown' : 'halt' } : {}), message };
    }
    case 'partition':
      return { ok: true, state: { ...s, partitioned: true }, ...(s.process === 'running' && !s.partitioned ? { effect: 'cut' as const } : {}), message: `node/${name} partitioned: its kubelet keeps running, cut off from NATS` };
    case 'heal': {
      const message = `node/${name} healed: its kubelet can reach NATS again`;
      if (!s.partitioned) return { ok: true, state: s, message };
      if (s.process === 'pending') return { ok: true, state: { process: 'running', partitioned: false }, effect: 'boot', message };
      return { ok: true, state: { ...s, partitioned: false }, ...(s.process === 'running' ? { effect: 'reconnect' as const } : {}), message };
    }
    default: {
      const _exhaustive: never = op;
      return _exhaustive;
    }
  }
}

import { decidePoolNode, initialPoolNodeState, type PoolNodeState } from './pool-node-state';

const running: PoolNodeState = { process: 'running', partitioned: false };
const stopped: PoolNodeState = { process: 'stopped', partitioned: false };

describe('a node of a kubelet pool: what each request does', () => {
  it('given a node not started yet, when started, then it boots', () => {
    expect(decidePoolNode(initialPoolNodeState, 'start', 'node-4')).toEqual({ ok: true, state: running, effect: 'boot', message: 'node/node-4 started' });
  });

  it('given a running node, when started again, then it is refused as for a kubelet process', () => {
    expect(decidePoolNode(running, 'start', 'node-4')).toEqual({ ok: false, error: 'the kubelet of node-4 is already running' });
  });

  it('given a running node, when killed, then it is halted at once; when stopped, it shuts down gracefully', () => {
    expect(decidePoolNode(running, 'kill', 'node-4')).toMatchObject({ ok: true, state: stopped, effect: 'halt' });
    expect(decidePoolNode(running, 'stop', 'node-4')).toMatchObject({ ok: true, state: stopped, effect: 'shutdown' });
  });

  it('given a stopped node, when killed or stopped, then it is refused: its kubelet is not running', () => {
    for (const op of ['kill', 'stop'] as const) expect(decidePoolNode(stopped, op, 'node-4')).toEqual({ ok: false, error: 'the kubelet of node-4 is not running' });
  });

  it('given a running node, when partitioned, then it is cut off; partitioned again, nothing more happens', () => {
    const cut = decidePoolNode(running, 'partition', 'node-4');
    expect(cut).toMatchObject({ ok: true, state: { process: 'running', partitioned: true }, effect: 'cut' });
    expect(decidePoolNode({ process: 'running', partitioned: true }, 'partition', 'node-4')).not.toHaveProperty('effect');
  });

  it('given a partitioned running node, when healed, then it reconnects', () => {
    expect(decidePoolNode({ process: 'running', partitioned: true }, 'heal', 'node-4')).toMatchObject({ ok: true, state: running, effect: 'reconnect' });
  });

  it('given a stopped, partitioned node, when started, then it waits for the network, and boots when healed', () => {
    const started = decidePoolNode({ process: 'stopped', partitioned: true }, 'start', 'node-4');
    expect(started).toEqual({ ok: true, state: { process: 'pending', partitioned: true }, message: 'node/node-4 started; it is still partitioned: kubesim node heal node-4' });
    expect(decidePoolNode({ process: 'pending', partitioned: true }, 'heal', 'node-4')).toMatchObject({ ok: true, state: running, effect: 'boot' });
  });

  it('given a node waiting for the network, when killed, then it is stopped without anything to halt', () => {
    const d = decidePoolNode({ process: 'pending', partitioned: true }, 'kill', 'node-4');
    expect(d).toMatchObject({ ok: true, state: { process: 'stopped', partitioned: true } });
    expect(d).not.toHaveProperty('effect');
  });

  it('given a node that is not partitioned, when healed, then nothing happens', () => {
    expect(decidePoolNode(running, 'heal', 'node-4')).toEqual({ ok: true, state: running, message: 'node/node-4 healed: its kubelet can reach NATS again' });
  });
});

import { describeNotice } from './supervisor-notice';

const at = new Date('2026-12-02T13:58:02.345Z');

describe('what kubesim up prints about its processes', () => {
  it('a crashed component: what died, how, when, and when it comes back', () => {
    expect(describeNotice({ kind: 'exited', name: 'scheduler', pid: 4242, code: null, signal: 'SIGKILL', at, decision: { kind: 'restart', delayMs: 2_000, attempt: 2, history: { crashesInARow: 2 } } }, '/d/logs')).toBe(
      'kubesim: scheduler exited (SIGKILL) at 13:58:02 (pid 4242); restarting it in 2s (restart #2). Log: /d/logs/scheduler.log\n',
    );
  });

  it('an exit code when there was no signal', () => {
    expect(describeNotice({ kind: 'exited', name: 'apiserver', pid: 7, code: 1, signal: null, at, decision: { kind: 'restart', delayMs: 1_000, attempt: 1, history: { crashesInARow: 1 } } }, '/d/logs')).toContain('kubesim: apiserver exited (code 1) at 13:58:02');
  });

  it('the restart, with its new pid', () => {
    expect(describeNotice({ kind: 'restarted', name: 'nats-2', pid: 99, attempt: 1, at }, '/d/logs')).toBe('kubesim: nats-2 restarted at 13:58:02 (pid 99, restart #1)\n');
  });

  it('a kubelet that is not restarted: its node is lost, and how to bring it back', () => {
    expect(describeNotice({ kind: 'exited', name: 'kubelet-node-2', pid: 5, code: null, signal: 'SIGKILL', at, decision: { kind: 'stay-down' } }, '/d/logs')).toBe(
      'kubesim: kubelet-node-2 exited (SIGKILL); not restarting it (its node is lost; kubesim node start node-2 brings it back). Log: /d/logs/kubelet-node-2.log\n',
    );
  });

  it('nothing for a process kubesim stopped itself', () => {
    expect(describeNotice({ kind: 'exited', name: 'kubelet-node-3', pid: 5, code: 0, signal: null, at, decision: { kind: 'leave-stopped' } }, '/d/logs')).toBeUndefined();
  });
});

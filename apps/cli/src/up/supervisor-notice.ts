import { join } from 'node:path';
import type { SupervisorNotice } from './supervisor';

const clock = (d: Date) => d.toISOString().slice(11, 19);
const how = (code: number | null, signal: NodeJS.Signals | null) => signal ?? `code ${code}`;
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))}s`;
const KUBELET = /^kubelet-(.+)$/;

/** The line `kubesim up` prints for what its supervisor did; none for a process it stopped itself. */
export function describeNotice(n: SupervisorNotice, logDir: string, poolNodes?: readonly string[]): string | undefined {
  const log = `Log: ${join(logDir, `${n.name}.log`)}`;
  switch (n.kind) {
    case 'restarted':
      return `kubesim: ${n.name} restarted at ${clock(n.at)} (pid ${n.pid}, restart #${n.attempt})\n`;
    case 'exited': {
      const died = `kubesim: ${n.name} exited (${how(n.code, n.signal)})`;
      const d = n.decision;
      switch (d.kind) {
        case 'leave-stopped':
          return undefined;
        case 'stay-down': {
          // A kubelet pool: every node it hosts is lost with it (a rack).
          if (poolNodes?.length) return `${died}; not restarting it. Its nodes are lost: ${poolNodes.join(', ')}. ${log}\n`;
          const node = KUBELET.exec(n.name)?.[1];
          return `${died}; not restarting it${node ? ` (its node is lost; kubesim node start ${node} brings it back)` : ''}. ${log}\n`;
        }
        case 'restart':
          return `${died} at ${clock(n.at)} (pid ${n.pid}); restarting it in ${seconds(d.delayMs)} (restart #${d.attempt}). ${log}\n`;
        default: {
          const _exhaustive: never = d;
          return _exhaustive;
        }
      }
    }
    default: {
      const _exhaustive: never = n;
      return _exhaustive;
    }
  }
}

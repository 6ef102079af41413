import type { Request } from '@kubesim/cluster-client';
import type { NodeActionRequest } from './node-manager';

/** The log entry for a `kubesim node …` request: what was done, and the command that did it as the cause. */
export function nodeProcessAction(r: NodeActionRequest): Request<'recordNodeProcessAction'> {
  const cause = `kubesim node ${r.op} ${r.name}`;
  if (r.op !== 'add') return { name: r.name, action: r.op, cause };
  const node = Object.fromEntries(Object.entries({ cpu: r.cpu, memory: r.memory, pods: r.pods, labels: r.labels, taints: r.taints, resources: r.resources }).filter(([, v]) => v !== undefined));
  return { name: r.name, action: 'add', cause, ...(Object.keys(node).length ? { node } : {}) };
}

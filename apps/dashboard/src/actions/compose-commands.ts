export type NodeProcessOp = 'kill' | 'stop' | 'start' | 'partition' | 'heal';

export const NODE_PROCESS_OPS: readonly NodeProcessOp[] = ['kill', 'stop', 'start', 'partition', 'heal'];

/**
 * Under docker compose the dashboard cannot reach the kubelet containers: what the user runs
 * instead. The compose file names node-N's kubelet service `kubelet-N`; a partition is the
 * container leaving the project's network.
 */
export function composeCommand(op: NodeProcessOp, node: string, project: string): string {
  const service = `kubelet-${node.replace(/^node-/, '')}`;
  const container = `${project}-${service}-1`;
  switch (op) {
    case 'kill':
      return `docker compose kill ${service}`;
    case 'stop':
      return `docker compose stop ${service}`;
    case 'start':
      return `docker compose start ${service}`;
    case 'partition':
      return `docker network disconnect ${project}_default ${container}`;
    case 'heal':
      return `docker network connect ${project}_default ${container}`;
    default: {
      const never: never = op;
      throw new Error(`unknown node operation ${String(never)}`);
    }
  }
}

import { ContainerPort, Pod } from '@kubesim/api';
import { FilterPlugin, status, success } from '../framework';
import { PluginName } from '../plugin-names';

export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const ANY_IP = '0.0.0.0';

/** A host port a pod takes on its node. */
export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/**
 * The host ports a pod uses (upstream `GetHostPorts`): those of its app containers and of its
 * sidecars (init containers with `restartPolicy: Always`, which run as long as the pod); regular
 * init containers have finished before the app containers start.
 */
export function podHostPorts(pod: Pod): HostPort[] {
  const containers = [...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...pod.spec.containers];
  return containers.flatMap((c) =>
    (c.ports ?? [])
      .filter((p: ContainerPort) => (p.hostPort ?? 0) > 0)
      .map((p: ContainerPort) => ({ ip: p.hostIP || ANY_IP, protocol: p.protocol || 'TCP', port: p.hostPort! })),
  );
}

/** Upstream `HostPortInfo.CheckConflict`: same port and protocol, and the same IP or either one 0.0.0.0. */
export function hostPortsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === ANY_IP || b.ip === ANY_IP);
}

/** Rejects a node where a pod already holds one of the host ports this pod asks for. */
export const nodePorts = {
  name: PluginName.NodePorts,
  preFilter: (pod) => podHostPorts(pod),
  filter(pod, { pods }, wanted = podHostPorts(pod)) {
    if (wanted.length === 0) return success();
    const used = pods.flatMap(podHostPorts);
    const conflict = wanted.some((w) => used.some((u) => hostPortsConflict(w, u)));
    return conflict ? status('Unschedulable', ERR_REASON_NODE_PORTS) : success();
  },
} satisfies FilterPlugin<HostPort[]>;

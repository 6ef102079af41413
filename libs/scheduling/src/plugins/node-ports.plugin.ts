import { FilterPlugin, SKIP, status, success } from '../framework';
import { HostPort, hostPortsConflict, podInfo } from '../pod-info';
import { PluginName } from '../plugin-names';

export { hostPortsConflict, podHostPorts, type HostPort } from '../pod-info';

export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

/** Rejects a node where a pod already holds one of the host ports this pod asks for (the node's `usedPorts`). */
export const nodePorts = {
  name: PluginName.NodePorts,
  /** Upstream: Skip for a pod without host ports. */
  preFilter: (pod) => (podInfo(pod).hostPorts.length === 0 ? SKIP : podInfo(pod).hostPorts),
  filter(pod, { usedPorts }, wanted = podInfo(pod).hostPorts) {
    if (wanted.length === 0 || usedPorts.length === 0) return success();
    const conflict = wanted.some((w) => usedPorts.some((u) => hostPortsConflict(w, u)));
    return conflict ? status('Unschedulable', ERR_REASON_NODE_PORTS) : success();
  },
} satisfies FilterPlugin<readonly HostPort[]>;

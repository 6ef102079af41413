import { FilterPlugin, SKIP, status, success } from '../framework';
import { matchesRequiredNodeAffinity } from '../node-selector';
import { PluginName } from '../plugin-names';

export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

/** `spec.nodeSelector` AND `requiredDuringSchedulingIgnoredDuringExecution` node affinity. */
export const nodeAffinity = {
  name: PluginName.NodeAffinity,
  /** Upstream: Skip for a pod without a node selector or required node affinity. */
  preFilter: (pod) => (pod.spec.nodeSelector === undefined && pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution === undefined ? SKIP : undefined),
  filter(pod, { node }) {
    if (matchesRequiredNodeAffinity(pod, node)) return success();
    return status('UnschedulableAndUnresolvable', ERR_REASON_NODE_AFFINITY);
  },
} satisfies FilterPlugin;

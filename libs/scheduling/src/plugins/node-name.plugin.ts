import { FilterPlugin, status, success } from '../framework';
import { PluginName } from '../plugin-names';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/** A pod with `spec.nodeName` preset fits only that node. */
export const nodeName = {
  name: PluginName.NodeName,
  filter(pod, { name }) {
    const wanted = pod.spec.nodeName;
    if (!wanted || wanted === name) return success();
    return status('UnschedulableAndUnresolvable', ERR_REASON_NODE_NAME);
  },
} satisfies FilterPlugin;

import { FilterPlugin, status, success } from '../framework';
import { PluginName } from '../plugin-names';
import { tolerationsTolerateTaint, UNSCHEDULABLE_TAINT } from '../tolerations';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

/** Rejects cordoned nodes (`spec.unschedulable`) unless the pod tolerates the unschedulable taint. */
export const nodeUnschedulable = {
  name: PluginName.NodeUnschedulable,
  filter(pod, { unschedulable }) {
    if (!unschedulable) return success();
    if (tolerationsTolerateTaint(pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return success();
    return status('UnschedulableAndUnresolvable', ERR_REASON_UNSCHEDULABLE);
  },
} satisfies FilterPlugin;

import { Taint } from '@kubesim/api';
import { FilterPlugin, status, success } from '../framework';
import { PluginName } from '../plugin-names';
import { doNotScheduleTaint, findUntoleratedTaint } from '../tolerations';

/**
 * The pre-1.35 reason, naming the first untolerated taint (v1.35 and the v1.34 cherry-pick say
 * `node(s) had untolerated taint(s)` instead).
 */
export const errReasonUntoleratedTaint = (t: Taint): string =>
  `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

/** Rejects nodes with a NoSchedule/NoExecute taint the pod does not tolerate. */
export const taintToleration = {
  name: PluginName.TaintToleration,
  filter(pod, { taints }) {
    if (taints.length === 0) return success();
    const taint = findUntoleratedTaint(taints, pod.spec.tolerations, doNotScheduleTaint);
    if (!taint) return success();
    return status('UnschedulableAndUnresolvable', errReasonUntoleratedTaint(taint));
  },
} satisfies FilterPlugin;

import { AnyFilterPlugin, AnyScorePlugin, Profile } from './framework';
import { PluginName } from './plugin-names';
import { balancedAllocation } from './plugins/balanced-allocation.plugin';
import { leastAllocated } from './plugins/least-allocated.plugin';
import { nodeAffinity } from './plugins/node-affinity.plugin';
import { interPodAffinity } from './plugins/inter-pod-affinity.plugin';
import { interPodAffinityScore } from './plugins/inter-pod-affinity.score';
import { nodeName } from './plugins/node-name.plugin';
import { nodePorts } from './plugins/node-ports.plugin';
import { nodeResourcesFit } from './plugins/node-resources-fit.plugin';
import { nodeUnschedulable } from './plugins/node-unschedulable.plugin';
import { podTopologySpread } from './plugins/pod-topology-spread.plugin';
import { podTopologySpreadScore } from './plugins/pod-topology-spread.score';
import { taintToleration } from './plugins/taint-toleration.plugin';
import { volumeBinding } from './plugins/volume-binding.plugin';

/** What one plugin name provides at each extension point. */
export interface PluginEntry {
  readonly filter?: AnyFilterPlugin;
  readonly score?: AnyScorePlugin;
}

/** All plugins by name (upstream `NewInTreeRegistry`). */
export const registry: Readonly<Partial<Record<PluginName, PluginEntry>>> = {
  [PluginName.NodeUnschedulable]: { filter: nodeUnschedulable },
  [PluginName.NodeName]: { filter: nodeName },
  [PluginName.TaintToleration]: { filter: taintToleration },
  [PluginName.NodeAffinity]: { filter: nodeAffinity },
  [PluginName.NodePorts]: { filter: nodePorts },
  [PluginName.NodeResourcesFit]: { filter: nodeResourcesFit, score: leastAllocated },
  [PluginName.VolumeBinding]: { filter: volumeBinding },
  [PluginName.PodTopologySpread]: { filter: podTopologySpread, score: podTopologySpreadScore },
  [PluginName.InterPodAffinity]: { filter: interPodAffinity, score: interPodAffinityScore },
  [PluginName.NodeResourcesBalancedAllocation]: { score: balancedAllocation },
};

/** Plugin names per extension point, in run order; score entries carry their weight. */
export interface ProfileConfig {
  readonly filter: readonly PluginName[];
  readonly score: readonly { readonly name: PluginName; readonly weight: number }[];
}

/** Upstream default_plugins.go, restricted to the plugins kubesim implements. */
export const DEFAULT_PROFILE_CONFIG: ProfileConfig = {
  filter: [
    PluginName.NodeUnschedulable,
    PluginName.NodeName,
    PluginName.TaintToleration,
    PluginName.NodeAffinity,
    PluginName.NodePorts,
    PluginName.NodeResourcesFit,
    PluginName.VolumeBinding,
    PluginName.PodTopologySpread,
    PluginName.InterPodAffinity,
  ],
  score: [
    { name: PluginName.NodeResourcesFit, weight: 1 },
    { name: PluginName.PodTopologySpread, weight: 2 },
    { name: PluginName.InterPodAffinity, weight: 2 },
    { name: PluginName.NodeResourcesBalancedAllocation, weight: 1 },
  ],
};

/** Resolves a config against the registry; throws on a name without that extension point. */
export function buildProfile(config: ProfileConfig = DEFAULT_PROFILE_CONFIG): Profile {
  return {
    filters: config.filter.map((name) => {
      const p = registry[name]?.filter;
      if (!p) throw new Error(`plugin ${name} has no Filter extension point`);
      return p;
    }),
    scores: config.score.map(({ name, weight }) => {
      const p = registry[name]?.score;
      if (!p) throw new Error(`plugin ${name} has no Score extension point`);
      return { ...p, weight } satisfies AnyScorePlugin;
    }),
  };
}

export const defaultProfile: Profile = buildProfile();

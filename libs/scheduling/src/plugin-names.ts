/** Every plugin name kubesim's scheduler knows, as upstream `plugins/names/names.go`. */
export const PluginName = {
  NodeUnschedulable: 'NodeUnschedulable',
  NodeName: 'NodeName',
  TaintToleration: 'TaintToleration',
  NodeAffinity: 'NodeAffinity',
  NodePorts: 'NodePorts',
  NodeResourcesFit: 'NodeResourcesFit',
  VolumeBinding: 'VolumeBinding',
  PodTopologySpread: 'PodTopologySpread',
  InterPodAffinity: 'InterPodAffinity',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  DefaultPreemption: 'DefaultPreemption',
} as const;

export type PluginName = (typeof PluginName)[keyof typeof PluginName];

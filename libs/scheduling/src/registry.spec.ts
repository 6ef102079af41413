import { buildProfile, DEFAULT_PROFILE_CONFIG, defaultProfile, registry } from './registry';
import { PluginName } from './plugin-names';

describe('registry and default profile', () => {
  it('runs filters in upstream order', () => {
    expect(defaultProfile.filters.map((p) => p.name)).toEqual([
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'VolumeBinding',
      'PodTopologySpread',
      'InterPodAffinity',
    ]);
  });

  it('scores with NodeResourcesFit (1), PodTopologySpread (2), InterPodAffinity (2) and NodeResourcesBalancedAllocation (1)', () => {
    expect(defaultProfile.scores.map((p) => [p.name, p.weight])).toEqual([
      ['NodeResourcesFit', 1],
      ['PodTopologySpread', 2],
      ['InterPodAffinity', 2],
      ['NodeResourcesBalancedAllocation', 1],
    ]);
  });

  it('every registered plugin is under its own name', () => {
    for (const [name, entry] of Object.entries(registry)) {
      if (entry.filter) expect(entry.filter.name).toBe(name);
      if (entry.score) expect(entry.score.name).toBe(name);
    }
  });

  it('a config can change weights', () => {
    const p = buildProfile({ ...DEFAULT_PROFILE_CONFIG, score: [{ name: PluginName.NodeResourcesFit, weight: 5 }] });
    expect(p.scores.map((s) => [s.name, s.weight])).toEqual([['NodeResourcesFit', 5]]);
  });

  it('refuses a plugin without the extension point', () => {
    expect(() => buildProfile({ filter: [PluginName.NodeResourcesBalancedAllocation], score: [] })).toThrow(
      'plugin NodeResourcesBalancedAllocation has no Filter extension point',
    );
  });
});

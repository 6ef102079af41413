import type { PodStatus } from '@kubesim/api';
import { overwrittenByOthers } from './reconcile';

const cond = (status: 'True' | 'False') => [{ type: 'Ready', status, lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z' }];
const running: PodStatus = { phase: 'Running', conditions: cond('True') };

describe('overwrittenByOthers', () => {
  it.each([
    ['NodeLost in the API, Running here', { phase: 'Unknown', reason: 'NodeLost', message: 'Node node-2 which was running pod x is unresponsive', conditions: cond('False') }, running, true],
    ['modern policy: only Ready=False in the API while the containers are ready here', { phase: 'Running', conditions: cond('False') }, running, true],
    ['the API has what this kubelet reported', running, running, false],
    ['not ready on both sides (a failing readiness probe)', { phase: 'Running', conditions: cond('False') }, { phase: 'Running', conditions: cond('False') }, false],
    ['pending, no conditions', { phase: 'Pending' }, { phase: 'Pending' }, false],
  ] as const)('%s → %s', (_name, api, real, expected) => {
    expect(overwrittenByOthers(api as PodStatus, real as PodStatus)).toBe(expected);
  });
});

describe('a pod starting normally is not a returning kubelet', () => {
  it('the kubelet’s own Ready=False (ContainersNotReady) turning True is not an overwrite', () => {
    const api = { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastProbeTime: null, lastTransitionTime: '' }] } as PodStatus;
    const real = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '' }] } as PodStatus;
    expect(overwrittenByOthers(api, real)).toBe(false);
  });
});

import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '@kubesim/api';
import { buildNodeInfos, newSnapshot, SKIP, VolumeListers } from '../framework';
import { defaultProfile } from '../registry';
import { schedulePod } from '../schedule-one';
import { makeNode, makePod } from '../testing/builders';
import { aClaim, aClass, aVolume } from '../testing/storage-builders';
import { planVolumes, volumeBinding, volumeBindingPreFilter } from './volume-binding.plugin';

const listers = (claims: PersistentVolumeClaim[], volumes: PersistentVolume[] = [], classes: StorageClass[] = []): VolumeListers => ({
  claim: (ns, name) => claims.find((c) => c.metadata.namespace === ns && c.metadata.name === name),
  volume: (name) => volumes.find((v) => v.metadata.name === name),
  volumes,
  storageClass: (name) => classes.find((c) => c.metadata.name === name),
});
const withClaims = (...names: string[]): Pod => {
  const p = makePod('web').build();
  return { ...p, spec: { ...p.spec, volumes: names.map((n) => ({ name: n, persistentVolumeClaim: { claimName: n } })) } } as Pod;
};
const nodes = [makeNode('node-1').build(), makeNode('node-2').build(), makeNode('node-3').build()];
const onNode = (node: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } });
const wffc = aClass('standard', { volumeBindingMode: 'WaitForFirstConsumer' });
const immediate = aClass('fast');
const boundTo = (name: string, pv: string) => aClaim(name, { metadata: { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }, spec: { volumeName: pv }, status: { phase: 'Bound' } });

/** Each node's verdict: PreFilter refusal, or Filter per node. */
function verdicts(pod: Pod, l: VolumeListers): string | Record<string, string> {
  const infos = buildNodeInfos(nodes, []);
  const state = volumeBinding.preFilter!(pod, newSnapshot(infos), { volumes: l });
  if (state === SKIP) return Object.fromEntries(infos.map((ni) => [ni.node.metadata.name, 'ok'])); // no claims: Filter is not run
  if ('preFilterRejected' in state) return `PreFilter ${state.preFilterRejected.code}: ${state.preFilterRejected.reasons.join(', ')}`;
  return Object.fromEntries(infos.map((ni) => {
    const r = volumeBinding.filter(pod, ni, state);
    return [ni.node.metadata.name, r.code === 'Success' ? 'ok' : `${r.code}: ${r.reasons.join(', ')}`];
  }));
}
const all = (v: string) => ({ 'node-1': v, 'node-2': v, 'node-3': v });

describe('VolumeBinding', () => {
  it.each<[string, Pod, VolumeListers, string | Record<string, string>]>([
    ['a pod without claims fits everywhere', makePod('web').build(), listers([]), all('ok')],
    ['a missing claim refuses the pod in PreFilter', withClaims('data'), listers([]), 'PreFilter UnschedulableAndUnresolvable: persistentvolumeclaim "data" not found'],
    ['a claim being deleted', withClaims('data'), listers([aClaim('data', { metadata: { deletionTimestamp: '2024-01-01T00:00:01Z' } })]), 'PreFilter UnschedulableAndUnresolvable: persistentvolumeclaim "data" is being deleted'],
    ['a Lost claim', withClaims('data'), listers([aClaim('data', { spec: { volumeName: 'gone' }, status: { phase: 'Lost' } })]), 'PreFilter UnschedulableAndUnresolvable: persistentvolumeclaim "data" bound to non-existent persistentvolume "gone"'],
    ['an unbound Immediate claim', withClaims('data'), listers([aClaim('data', { spec: { storageClassName: 'fast' } })], [], [immediate]), 'PreFilter UnschedulableAndUnresolvable: pod has unbound immediate PersistentVolumeClaims'],
    ['an unbound claim without class is Immediate', withClaims('data'), listers([aClaim('data', { spec: { storageClassName: '' } })]), 'PreFilter UnschedulableAndUnresolvable: pod has unbound immediate PersistentVolumeClaims'],
    ['a bound claim whose PV has no node affinity', withClaims('data'), listers([boundTo('data', 'pv1')], [aVolume('pv1')]), all('ok')],
    [
      "a bound claim's PV pinned to node-2",
      withClaims('data'),
      listers([boundTo('data', 'pv1')], [aVolume('pv1', { spec: { nodeAffinity: onNode('node-2') } })]),
      { 'node-1': 'UnschedulableAndUnresolvable: node(s) had volume node affinity conflict', 'node-2': 'ok', 'node-3': 'UnschedulableAndUnresolvable: node(s) had volume node affinity conflict' },
    ],
    ['a bound claim whose PV is gone', withClaims('data'), listers([boundTo('data', 'pv1')]), all('UnschedulableAndUnresolvable: node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)')],
    ['a WaitForFirstConsumer claim its class can provision anywhere', withClaims('data'), listers([aClaim('data', { spec: { storageClassName: 'standard' } })], [], [wffc]), all('ok')],
    [
      'a WaitForFirstConsumer claim of a no-provisioner class binds only where a local PV is',
      withClaims('data'),
      listers(
        [aClaim('data', { spec: { storageClassName: 'local' } })],
        [aVolume('local-1', { spec: { storageClassName: 'local', nodeAffinity: onNode('node-3') } })],
        [aClass('local', { provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' })],
      ),
      { 'node-1': "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind", 'node-2': "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind", 'node-3': 'ok' },
    ],
    [
      "a class's allowedTopologies limit provisioning",
      withClaims('data'),
      listers([aClaim('data', { spec: { storageClassName: 'standard' } })], [], [aClass('standard', { volumeBindingMode: 'WaitForFirstConsumer', allowedTopologies: [{ matchLabelExpressions: [{ key: 'kubernetes.io/hostname', values: ['node-1'] }] }] })]),
      { 'node-1': 'ok', 'node-2': "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind", 'node-3': "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind" },
    ],
  ])('%s', (_name, pod, l, want) => {
    expect(verdicts(pod, l)).toEqual(want);
  });

  it('plans a static binding to the smallest fitting PV on the node, else provisioning', () => {
    const claim = aClaim('data', { spec: { storageClassName: 'standard' } });
    const small = aVolume('small', { spec: { storageClassName: 'standard', capacity: { storage: '2Gi' } } });
    const big = aVolume('big', { spec: { storageClassName: 'standard', capacity: { storage: '10Gi' } } });
    const state = volumeBindingPreFilter(withClaims('data'), listers([claim], [big, small], [wffc]));
    if ('preFilterRejected' in state) throw new Error('refused');
    expect(planVolumes(state, nodes[0]).plan.staticBindings.map((b) => b.volume.metadata.name)).toEqual(['small']);
    const none = volumeBindingPreFilter(withClaims('data'), listers([claim], [], [wffc]));
    if ('preFilterRejected' in none) throw new Error('refused');
    expect(planVolumes(none, nodes[0]).plan.provisions.map((c) => c.metadata.name)).toEqual(['data']);
  });

  it("a PreFilter refusal is the FitError's whole reason, without a node count (semantics-2 §5.5)", () => {
    const r = schedulePod(withClaims('data'), buildNodeInfos(nodes, []), defaultProfile, () => 0, { volumes: listers([aClaim('data', { spec: { storageClassName: '' } })]) });
    expect(r).toMatchObject({
      kind: 'Unschedulable',
      message: '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      unschedulablePlugins: ['VolumeBinding'],
    });
  });

  it('node affinity conflicts are counted per node in the histogram', () => {
    const l = listers([boundTo('data', 'pv1')], [aVolume('pv1', { spec: { nodeAffinity: onNode('elsewhere') } })]);
    const r = schedulePod(withClaims('data'), buildNodeInfos(nodes, []), defaultProfile, () => 0, { volumes: l });
    expect(r).toMatchObject({ kind: 'Unschedulable', message: '0/3 nodes are available: 3 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' });
  });
});

import { loadKubeletConfig } from './kubelet.config';
import { nodeObject } from './node-object';

describe('the Node a kubelet registers', () => {
  it('advertises extra resources (extended resources, ephemeral-storage) next to cpu, memory and pods', () => {
    const config = loadKubeletConfig({ KUBESIM_NODE_NAME: 'node-4', KUBESIM_NODE_CPU: '2', KUBESIM_NODE_RESOURCES: 'example.com/foo=2,ephemeral-storage=50Gi' });
    const node = nodeObject(config, 0, 'uid');
    expect(node.status.capacity).toEqual({ cpu: '2', 'ephemeral-storage': '50Gi', memory: '8Gi', pods: '110', 'example.com/foo': '2' });
    expect(node.status.allocatable).toEqual(node.status.capacity);
  });

  it('has labels and taints from its settings', () => {
    const node = nodeObject(loadKubeletConfig({ KUBESIM_NODE_LABELS: 'disktype=ssd', KUBESIM_NODE_TAINTS: 'dedicated=gpu:NoSchedule' }), 0, 'uid');
    expect(node.metadata.labels).toMatchObject({ disktype: 'ssd', 'kubernetes.io/hostname': 'node-1' });
    expect(node.spec.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
  });

  it.each([
    ['example.com/foo=lots', 'resources: example.com/foo=lots: not a Kubernetes quantity such as 2, 500m, 8Gi'],
    ['cpu=4', 'resources: cpu has its own setting (--cpu)'],
    ['example.com/foo', 'resources must look like example.com/foo=2,ephemeral-storage=50Gi'],
  ])('refuses KUBESIM_NODE_RESOURCES=%s', (value, message) => {
    expect(() => loadKubeletConfig({ KUBESIM_NODE_RESOURCES: value })).toThrow(message);
  });
});

import type { Node } from '@kubesim/api';

/** A registered, Ready node for a synthetic log. */
export function aNodeForBench(name: string, at: string): Node {
  const ready = { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: at, lastTransitionTime: at };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '', creationTimestamp: at, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: {
      capacity: { cpu: '64', memory: '256Gi', pods: '250' },
      allocatable: { cpu: '64', memory: '256Gi', pods: '250' },
      conditions: [ready],
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', containerRuntimeVersion: 'kubesim', osImage: 'kubesim', kernelVersion: '6.1.0', operatingSystem: 'linux', architecture: 'amd64' },
    },
  } as Node;
}

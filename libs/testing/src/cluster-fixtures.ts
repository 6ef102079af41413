import { defaultPod, type Namespace, type Node, type NodeCondition, type Pod, type PodStatus } from '@kubesim/api';
import type { ClusterEvent, EventMeta } from '@kubesim/core';

/**
 * Objects and log records for specs, built the way the apiserver builds them (`defaultPod`), so
 * a spec states only what it is about: `given(namespaceCreated(), podCreated(aPod('x')))`.
 */
export const FIXTURE_TIME = '2024-05-01T09:00:00Z';
const meta: EventMeta = { at: FIXTURE_TIME, by: 'fixture' };

export function aNamespace(name = 'default'): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: `uid-ns-${name}`, resourceVersion: '', creationTimestamp: FIXTURE_TIME },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** A defaulted pod with one `nginx` container; `spec` is merged into the manifest before defaulting. */
export function aPod(name: string, spec: Record<string, unknown> = {}, namespace = 'default'): Pod {
  return defaultPod({ metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } }, namespace, {
    uid: `uid-${name}`,
    now: FIXTURE_TIME,
    suffix: 'xxxxx',
  });
}

export function nodeCondition(type: string, status: NodeCondition['status'], reason: string, message = '', at = FIXTURE_TIME): NodeCondition {
  return { type, status, reason, message, lastHeartbeatTime: at, lastTransitionTime: at };
}

/** A node as its kubelet registers it (healthy, no pod CIDR: the apiserver assigns one). */
export function aNode(name: string, spec: Node['spec'] = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '', creationTimestamp: FIXTURE_TIME },
    spec,
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [
        nodeCondition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
        nodeCondition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
        nodeCondition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
        nodeCondition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }],
      nodeInfo: {
        machineID: `machine-${name}`,
        systemUUID: `uid-${name}`,
        bootID: `boot-${name}`,
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        containerRuntimeVersion: 'containerd://1.7.24',
        osImage: 'Debian GNU/Linux 12',
        kernelVersion: '6.1.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

// --- log records: one array = one write ---

export const namespaceCreated = (name = 'default'): ClusterEvent[] => [{ ...meta, type: 'NamespaceCreated', namespace: aNamespace(name) }];

export const podCreated = (pod: Pod): ClusterEvent[] => [
  { ...meta, type: 'PodCreated', pod },
  { ...meta, type: 'PodPhaseChanged', namespace: pod.metadata.namespace, name: pod.metadata.name, from: null, to: pod.status.phase, reason: 'Created' },
];

export const podBound = (name: string, node: string, namespace = 'default'): ClusterEvent[] => [{ ...meta, type: 'PodBound', namespace, name, node }];

export const podStatusReported = (name: string, status: PodStatus, namespace = 'default'): ClusterEvent[] => [
  { ...meta, type: 'PodStatusReported', namespace, name, status },
];

export const podDeletionRequested = (name: string, deletionTimestamp: string, gracePeriodSeconds: number, namespace = 'default'): ClusterEvent[] => [
  { ...meta, type: 'PodDeletionRequested', namespace, name, deletionTimestamp, gracePeriodSeconds },
];

export const nodeRegistered = (node: Node): ClusterEvent[] => [{ ...meta, type: 'NodeRegistered', node }];

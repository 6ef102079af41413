import { rfc3339, TIME_SCALE_ANNOTATION, type Node, type NodeCondition, type Taint } from '@kubesim/api';
import { fnv64 } from '@kubesim/core';
import { parseResources, type KubeletConfig } from './kubelet.config';

export const KUBELET_VERSION = 'v1.32.0-kubesim';

export function parseLabels(s: string): Record<string, string> {
  return Object.fromEntries(
    s
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  );
}

export function parseTaints(s: string): Taint[] {
  return s
    .split(',')
    .filter(Boolean)
    .map((t) => {
      const [kv, effect] = t.split(':');
      const [key, value] = kv.split('=');
      return { key, ...(value !== undefined ? { value } : {}), effect: effect as Taint['effect'] };
    });
}

/** A stable node IP from the name when none is configured (172.18.0.0/16, like a kind network). */
export function nodeIP(config: Pick<KubeletConfig, 'nodeName' | 'nodeIP'>): string {
  if (config.nodeIP) return config.nodeIP;
  const m = /-(\d+)$/.exec(config.nodeName);
  const n = m ? Number(m[1]) : parseInt(fnv64(config.nodeName).slice(0, 4), 16);
  return `172.18.${Math.floor((n + 1) / 254) % 256}.${((n + 1) % 254) + 1}`;
}

const condition = (type: string, status: NodeCondition['status'], reason: string, message: string, now: string): NodeCondition => ({
  type,
  status,
  lastHeartbeatTime: now,
  lastTransitionTime: now,
  reason,
  message,
});

export function readyCondition(now: number): NodeCondition {
  return condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', rfc3339(now));
}

/** The Node a kubelet registers: capacity, labels, taints, and healthy conditions. */
export function nodeObject(config: KubeletConfig, now: number, uid: string): Node {
  const ts = rfc3339(now);
  const capacity = {
    cpu: config.cpu,
    'ephemeral-storage': '100Gi',
    memory: config.memory,
    pods: String(config.pods),
    ...parseResources(config.resources),
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: config.nodeName,
      uid,
      resourceVersion: '',
      creationTimestamp: ts,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': config.nodeName,
        'kubernetes.io/os': 'linux',
        ...parseLabels(config.labels),
      },
      // The time scale is written down so that `kubesim replay --resimulate` can repeat a log at its pace.
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kubesim.io/simulated': 'true', [TIME_SCALE_ANNOTATION]: String(config.timeScale) },
    },
    spec: { ...(config.taints ? { taints: parseTaints(config.taints) } : {}) },
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', ts),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', ts),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', ts),
        readyCondition(now),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeIP(config) },
        { type: 'Hostname', address: config.nodeName },
      ],
      nodeInfo: {
        machineID: fnv64(`machine/${config.nodeName}`) + fnv64(`id/${config.nodeName}`),
        systemUUID: uid,
        bootID: config.bootId || uid,
        kernelVersion: '6.1.0-kubesim',
        osImage: 'kubesim simulated node (Debian GNU/Linux 12)',
        containerRuntimeVersion: 'containerd://1.7.24-kubesim',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

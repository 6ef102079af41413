import { decodeToken } from './object-key';

/**
 * What a kubelet (or a pool of them) reads of the log, as a real kubelet's watches do: pods (its
 * own, and every other for the cluster network's pod IPs and pod DNS), the objects its pods
 * reference, Services and EndpointSlices (as kube-proxy and DNS watch all of them), and its own
 * Node (a pool: every Node — it may be asked to host any node later, whose history it would
 * otherwise lack) — never Events, workloads (ReplicaSets, Deployments, Jobs …),
 * namespaces, CRDs or custom resources.
 */
export const KUBELET_KINDS = ['Pod', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'PersistentVolume', 'Service', 'EndpointSlice'] as const;

const KIND_TOKENS = new Set<string>(KUBELET_KINDS.map((k) => k.toLowerCase()));

/**
 * Decides from a record's subject alone (`<prefix>.<kind>.<namespace>.<name>`, object-key.ts),
 * before its body is parsed, whether the kubelet of `node` reads it (no `node`: a pool, which
 * reads every Node).
 */
export function kubeletInterest(node?: string): (subject: string) => boolean {
  return (subject) => {
    const first = subject.indexOf('.');
    const second = subject.indexOf('.', first + 1);
    if (first < 0 || second < 0) return true;
    const kind = subject.slice(first + 1, second);
    if (kind === 'node') {
      const third = subject.indexOf('.', second + 1);
      return node === undefined || (third >= 0 && decodeToken(subject.slice(third + 1)) === node);
    }
    return KIND_TOKENS.has(kind);
  };
}

import type { Node } from '@kubesim/api';
import { AGE_DESCRIPTION, type Columns, column, NAME_DESCRIPTION, NONE } from './columns';
import { humanDurationSince } from './human-duration';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';
const UNKNOWN = '<unknown>';

const ADDRESSES_DESCRIPTION =
  "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

/** `kubectl get nodes` columns, as kube-apiserver's Table columnDefinitions for nodes. */
export const nodeColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Status', 'The status of the node'),
  column('Roles', 'The roles of the node'),
  column('Age', AGE_DESCRIPTION),
  column('Version', 'Kubelet Version reported by the node.'),
  column('Internal-IP', ADDRESSES_DESCRIPTION, { priority: 1 }),
  column('External-IP', ADDRESSES_DESCRIPTION, { priority: 1 }),
  column('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', { priority: 1 }),
  column('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", { priority: 1 }),
  column('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', { priority: 1 }),
];

/**
 * STATUS: `Ready` when the Ready condition is True, `NotReady` when it is False or Unknown (a lost
 * node), `Unknown` when the node has no Ready condition; then `,SchedulingDisabled` if cordoned.
 */
export function nodeStatus(node: Node): string {
  // Upstream keys conditions by type, so the last Ready condition wins.
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const parts = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** ROLES: from `node-role.kubernetes.io/<role>` (and legacy `kubernetes.io/role=<role>`) labels. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === LEGACY_ROLE_LABEL && value) {
      roles.add(value);
    }
  }
  // Go's sets.List sorts by byte order, which a plain sort matches for ASCII label keys.
  return roles.size === 0 ? NONE : [...roles].sort().join(',');
}

/** One row of `kubectl get nodes` (`-o wide` when `wide`), cells in `nodeColumns` order. */
export function nodeRow(node: Node, now: number, wide = false): string[] {
  const info = node.status?.nodeInfo;
  const cells = [node.metadata.name, nodeStatus(node), nodeRoles(node), humanDurationSince(node.metadata.creationTimestamp, now), info?.kubeletVersion ?? ''];
  if (!wide) return cells;
  return [
    ...cells,
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    info?.osImage || UNKNOWN,
    info?.kernelVersion || UNKNOWN,
    info?.containerRuntimeVersion || UNKNOWN,
  ];
}

function address(node: Node, type: 'InternalIP' | 'ExternalIP'): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? NONE;
}

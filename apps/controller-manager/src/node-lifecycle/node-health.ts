import { rfc3339, type Node, type NodeCondition } from '@kubesim/api';

export interface MonitorTimings {
  /** Wall-clock ms: grace periods already multiplied by the time scale. */
  gracePeriodMs: number;
  startupGracePeriodMs: number;
}

/**
 * The node-lifecycle controller's verdict for one node on one monitor pass (pure): the
 * conditions to set to Unknown when the node's lease is older than the grace period.
 * `lastObserved` is this controller's own clock reading of the node's last renewal; without
 * one, the startup grace runs from the later of the controller's start and the node's creation.
 */
export function staleConditions(node: Node, lastObserved: number | undefined, controllerStarted: number, now: number, t: MonitorTimings): NodeCondition[] {
  const neverReported = lastObserved === undefined;
  // A node that registered after this controller started gets its startup grace from its own
  // creation (node_lifecycle_controller.go probes never-updated nodes from CreationTimestamp).
  const created = Date.parse(node.metadata.creationTimestamp);
  const since = lastObserved ?? Math.max(controllerStarted, Number.isNaN(created) ? controllerStarted : created);
  const grace = neverReported ? t.startupGracePeriodMs : t.gracePeriodMs;
  if (now - since <= grace) return [];
  const reason = neverReported ? 'NodeStatusNeverUpdated' : 'NodeStatusUnknown';
  const message = neverReported ? 'Kubelet never posted node status.' : 'Kubelet stopped posting node status.';
  const at = rfc3339(now);
  const out: NodeCondition[] = [];
  for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']) {
    const old = node.status.conditions.find((c) => c.type === type);
    if (old?.status === 'Unknown') continue;
    out.push({ type, status: 'Unknown', lastHeartbeatTime: old?.lastHeartbeatTime ?? at, lastTransitionTime: at, reason, message });
  }
  return out;
}

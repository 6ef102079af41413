/**
 * Fluent builders for printer specs (not a spec itself): `makePod('web').app('app', running().ready())`.
 * Times are given as "seconds before NOW" so that expected AGE cells read naturally.
 */
import type { ConditionStatus, Container, ContainerState, ContainerStatus, KubeEvent, Node, Pod, PodPhase } from '@kubesim/api';

export const NOW = Date.parse('2025-06-01T12:00:00Z');
export const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();

export class ContainerStatusBuilder {
  private status: ContainerStatus;

  constructor(name: string) {
    this.status = { name, image: 'busybox:1.28', imageID: '', ready: false, restartCount: 0, state: {}, lastState: {} };
  }

  waiting(reason?: string): this {
    return this.state({ waiting: reason === undefined ? {} : { reason } });
  }
  running(): this {
    return this.state({ running: { startedAt: ago(60) } });
  }
  terminated(exitCode: number, reason?: string, signal?: number): this {
    return this.state({ terminated: { exitCode, reason, signal, finishedAt: ago(1) } });
  }
  ready(ready = true): this {
    this.status = { ...this.status, ready };
    return this;
  }
  started(started = true): this {
    this.status = { ...this.status, started };
    return this;
  }
  /** `count` restarts, the last one having finished `secondsAgo` before NOW. */
  restarted(count: number, secondsAgo?: number): this {
    const lastState: ContainerState =
      secondsAgo === undefined ? {} : { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(secondsAgo) } };
    this.status = { ...this.status, restartCount: count, lastState };
    return this;
  }
  build(): ContainerStatus {
    return this.status;
  }

  private state(state: ContainerState): this {
    this.status = { ...this.status, state };
    return this;
  }
}

export const container = (name: string): ContainerStatusBuilder => new ContainerStatusBuilder(name);

export class PodBuilder {
  private pod: Pod;

  constructor(name: string) {
    this.pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: ago(10) },
      spec: { containers: [], restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' },
      status: { phase: 'Pending' },
    };
  }

  createdSecondsAgo(seconds: number): this {
    return this.with({ metadata: { ...this.pod.metadata, creationTimestamp: ago(seconds) } });
  }
  /** Declares app containers; a status builder also records the container's status. */
  app(...containers: (string | ContainerStatusBuilder)[]): this {
    for (const c of containers) {
      const status = typeof c === 'string' ? undefined : c.build();
      this.pod.spec.containers.push(spec(status?.name ?? (c as string)));
      if (status) this.pod.status.containerStatuses = [...(this.pod.status.containerStatuses ?? []), status];
    }
    return this;
  }
  /** Declares init containers (in order); a status builder also records its status. */
  init(...containers: (string | ContainerStatusBuilder)[]): this {
    return this.addInit(containers, false);
  }
  /** Declares sidecars: init containers with `restartPolicy: Always`. */
  sidecar(...containers: (string | ContainerStatusBuilder)[]): this {
    return this.addInit(containers, true);
  }
  phase(phase: PodPhase): this {
    return this.with({ status: { ...this.pod.status, phase } });
  }
  reason(reason: string): this {
    return this.with({ status: { ...this.pod.status, reason } });
  }
  condition(type: string, status: ConditionStatus, reason?: string): this {
    const condition = { type, status, reason, lastProbeTime: null, lastTransitionTime: ago(5) };
    return this.with({ status: { ...this.pod.status, conditions: [...(this.pod.status.conditions ?? []), condition] } });
  }
  deleting(): this {
    return this.with({ metadata: { ...this.pod.metadata, deletionTimestamp: ago(0), deletionGracePeriodSeconds: 30 } });
  }
  onNode(nodeName: string, podIP?: string): this {
    this.with({ spec: { ...this.pod.spec, nodeName } });
    return podIP ? this.with({ status: { ...this.pod.status, podIP, podIPs: [{ ip: podIP }] } }) : this;
  }
  nominated(nodeName: string): this {
    return this.with({ status: { ...this.pod.status, nominatedNodeName: nodeName } });
  }
  readinessGates(...conditionTypes: string[]): this {
    return this.with({ spec: { ...this.pod.spec, readinessGates: conditionTypes.map((conditionType) => ({ conditionType })) } });
  }
  build(): Pod {
    return structuredClone(this.pod);
  }

  private addInit(containers: (string | ContainerStatusBuilder)[], sidecar: boolean): this {
    for (const c of containers) {
      const status = typeof c === 'string' ? undefined : c.build();
      const s = spec(status?.name ?? (c as string));
      this.pod.spec.initContainers = [...(this.pod.spec.initContainers ?? []), sidecar ? { ...s, restartPolicy: 'Always' } : s];
      if (status) this.pod.status.initContainerStatuses = [...(this.pod.status.initContainerStatuses ?? []), status];
    }
    return this;
  }
  private with(patch: Partial<Pod>): this {
    this.pod = { ...this.pod, ...patch };
    return this;
  }
}

export const makePod = (name = 'web'): PodBuilder => new PodBuilder(name);

function spec(name: string): Container {
  return { name, image: 'busybox:1.28' };
}

export class NodeBuilder {
  private node: Node;

  constructor(name: string) {
    this.node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: ago(3600), labels: {} },
      spec: {},
      status: {
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        conditions: [],
        addresses: [],
        nodeInfo: {
          kubeletVersion: 'v1.32.0',
          containerRuntimeVersion: 'containerd://1.7.24',
          osImage: 'kubesim',
          kernelVersion: '6.1.0',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    };
  }

  /** Adds a Ready condition with this status; without a call there is none. */
  ready(status: ConditionStatus): this {
    const condition = { type: 'Ready', status, lastHeartbeatTime: ago(5), lastTransitionTime: ago(60), reason: 'KubeletReady', message: '' };
    this.node.status.conditions.push(condition);
    return this;
  }
  unschedulable(): this {
    this.node.spec.unschedulable = true;
    return this;
  }
  label(key: string, value = ''): this {
    this.node.metadata.labels = { ...this.node.metadata.labels, [key]: value };
    return this;
  }
  createdSecondsAgo(seconds: number): this {
    this.node.metadata.creationTimestamp = ago(seconds);
    return this;
  }
  address(type: string, address: string): this {
    this.node.status.addresses.push({ type, address });
    return this;
  }
  nodeInfo(info: Partial<Node['status']['nodeInfo']>): this {
    this.node.status.nodeInfo = { ...this.node.status.nodeInfo, ...info } as Node['status']['nodeInfo'];
    return this;
  }
  build(): Node {
    return structuredClone(this.node);
  }
}

export const makeNode = (name = 'node-1'): NodeBuilder => new NodeBuilder(name);

export class EventBuilder {
  private event: KubeEvent;

  constructor(reason: string) {
    this.event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `web.${reason.toLowerCase()}`, namespace: 'default', uid: `uid-${reason}`, resourceVersion: '1', creationTimestamp: ago(30) },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
      reason,
      message: '',
      type: 'Normal',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: ago(30),
      lastTimestamp: ago(30),
      count: 1,
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
      eventTime: null,
    };
  }

  about(kind: string, name: string, fieldPath?: string): this {
    return this.with({ involvedObject: { kind, namespace: 'default', name, fieldPath } });
  }
  warning(): this {
    return this.with({ type: 'Warning' });
  }
  message(message: string): this {
    return this.with({ message });
  }
  seen(firstSecondsAgo: number, lastSecondsAgo: number, count: number): this {
    return this.with({ firstTimestamp: ago(firstSecondsAgo), lastTimestamp: ago(lastSecondsAgo), count });
  }
  /** An events.k8s.io/v1-style event: only eventTime is set. */
  onlyEventTime(secondsAgo: number): this {
    return this.with({ firstTimestamp: '', lastTimestamp: '', eventTime: ago(secondsAgo), count: 0 });
  }
  source(component: string, host?: string): this {
    return this.with({ source: { component, host } });
  }
  build(): KubeEvent {
    return structuredClone(this.event);
  }

  private with(patch: Partial<KubeEvent>): this {
    this.event = { ...this.event, ...patch };
    return this;
  }
}

export const makeEvent = (reason = 'Scheduled'): EventBuilder => new EventBuilder(reason);

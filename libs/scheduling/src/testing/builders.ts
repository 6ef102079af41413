import {
  Container,
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodAffinityTerm,
  PodPhase,
  ResourceList,
  Taint,
  TaintEffect,
  Toleration,
  TopologySpreadConstraint,
} from '@kubesim/api';

/** Fixed, so built objects are deterministic. */
const CREATED = '2024-01-01T00:00:00Z';

/** Fluent pod builder for tests: `makePod('web').requests({ cpu: '500m' }).build()`. */
export class PodBuilder {
  private readonly pod: Pod;

  constructor(name: string) {
    this.pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: CREATED },
      spec: {
        containers: [],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
      },
      status: { phase: 'Pending' },
    };
  }

  namespace(ns: string): this {
    this.pod.metadata.namespace = ns;
    return this;
  }

  uid(uid: string): this {
    this.pod.metadata.uid = uid;
    return this;
  }

  labels(labels: Record<string, string>): this {
    this.pod.metadata.labels = { ...this.pod.metadata.labels, ...labels };
    return this;
  }

  priority(p: number): this {
    this.pod.spec.priority = p;
    return this;
  }

  phase(phase: PodPhase): this {
    this.pod.status.phase = phase;
    return this;
  }

  /** Adds an app container with these requests (call again for another container). */
  requests(requests: ResourceList): this {
    return this.container({ resources: { requests } });
  }

  /** Adds an app container; unset fields get a name and image. */
  container(c: Partial<Container> = {}): this {
    const n = this.pod.spec.containers.length;
    this.pod.spec.containers.push({ name: `c${n}`, image: 'busybox', ...c });
    return this;
  }

  /** Adds a regular init container with these requests. */
  initRequests(requests: ResourceList): this {
    return this.initContainer({ resources: { requests } });
  }

  /** Adds a sidecar (init container with `restartPolicy: Always`) with these requests. */
  sidecarRequests(requests: ResourceList): this {
    return this.initContainer({ resources: { requests }, restartPolicy: 'Always' });
  }

  initContainer(c: Partial<Container> = {}): this {
    const list = (this.pod.spec.initContainers ??= []);
    list.push({ name: `init${list.length}`, image: 'busybox', ...c });
    return this;
  }

  nodeSelector(selector: Record<string, string>): this {
    this.pod.spec.nodeSelector = { ...this.pod.spec.nodeSelector, ...selector };
    return this;
  }

  /** Appends a required node-affinity term (terms are ORed). */
  nodeAffinityTerm(term: NodeSelectorTerm): this {
    const affinity = (this.pod.spec.affinity ??= {});
    const na = (affinity.nodeAffinity ??= {});
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
    req.nodeSelectorTerms.push(term);
    return this;
  }

  /** Shorthand: one required term with one `key <operator> values` expression. */
  nodeAffinity(key: string, operator: NodeSelectorRequirement['operator'], values?: string[]): this {
    return this.nodeAffinityTerm({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
  }

  /** Adds an app container publishing `containerPort` on the node's `hostPort`. */
  hostPort(hostPort: number, protocol = 'TCP', hostIP?: string): this {
    return this.container({ ports: [{ containerPort: hostPort, hostPort, protocol, ...(hostIP ? { hostIP } : {}) }] });
  }

  /** Adds a `DoNotSchedule` spread constraint over pods with these labels (pass `whenUnsatisfiable` etc. in `extra`). */
  spread(topologyKey: string, maxSkew: number, matchLabels: Record<string, string>, extra: Partial<TopologySpreadConstraint> = {}): this {
    (this.pod.spec.topologySpreadConstraints ??= []).push({
      maxSkew,
      topologyKey,
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels },
      ...extra,
    });
    return this;
  }

  /** Adds a required pod-affinity term selecting pods with these labels. */
  podAffinity(topologyKey: string, matchLabels: Record<string, string>, extra: Partial<PodAffinityTerm> = {}): this {
    const pa = ((this.pod.spec.affinity ??= {}).podAffinity ??= {});
    (pa.requiredDuringSchedulingIgnoredDuringExecution ??= []).push({ topologyKey, labelSelector: { matchLabels }, ...extra });
    return this;
  }

  /** Adds a required pod-anti-affinity term selecting pods with these labels. */
  podAntiAffinity(topologyKey: string, matchLabels: Record<string, string>, extra: Partial<PodAffinityTerm> = {}): this {
    const pa = ((this.pod.spec.affinity ??= {}).podAntiAffinity ??= {});
    (pa.requiredDuringSchedulingIgnoredDuringExecution ??= []).push({ topologyKey, labelSelector: { matchLabels }, ...extra });
    return this;
  }

  deleting(at = CREATED): this {
    this.pod.metadata.deletionTimestamp = at;
    return this;
  }

  toleration(t: Toleration): this {
    (this.pod.spec.tolerations ??= []).push(t);
    return this;
  }

  nodeName(name: string): this {
    this.pod.spec.nodeName = name;
    return this;
  }

  build(): Pod {
    const pod = structuredClone(this.pod);
    if (pod.spec.containers.length === 0) pod.spec.containers.push({ name: 'c0', image: 'busybox' });
    return pod;
  }
}

/** Fluent node builder for tests: `makeNode('n1').capacity({ cpu: '2' }).taint('k', 'v').build()`. */
export class NodeBuilder {
  private readonly node: Node;

  constructor(name: string) {
    const resources = { cpu: '4', memory: '16Gi', pods: '110' };
    this.node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid: `uid-node-${name}`,
        resourceVersion: '1',
        creationTimestamp: CREATED,
        labels: { 'kubernetes.io/hostname': name },
      },
      spec: {},
      status: {
        capacity: { ...resources },
        allocatable: { ...resources },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            lastHeartbeatTime: CREATED,
            lastTransitionTime: CREATED,
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
          },
        ],
        addresses: [{ type: 'Hostname', address: name }],
        nodeInfo: {
          kubeletVersion: 'v1.31.0',
          containerRuntimeVersion: 'kubesim://0.1.0',
          osImage: 'kubesim',
          kernelVersion: '6.0.0',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    };
  }

  /** Sets both capacity and allocatable for the given resources (others keep their defaults). */
  capacity(resources: ResourceList): this {
    Object.assign(this.node.status.capacity, resources);
    Object.assign(this.node.status.allocatable, resources);
    return this;
  }

  /** Sets allocatable only (capacity minus reserved). */
  allocatable(resources: ResourceList): this {
    Object.assign(this.node.status.allocatable, resources);
    return this;
  }

  labels(labels: Record<string, string>): this {
    this.node.metadata.labels = { ...this.node.metadata.labels, ...labels };
    return this;
  }

  taint(key: string, value?: string, effect: TaintEffect = 'NoSchedule'): this {
    const t: Taint = { key, effect, ...(value !== undefined ? { value } : {}) };
    (this.node.spec.taints ??= []).push(t);
    return this;
  }

  unschedulable(on = true): this {
    this.node.spec.unschedulable = on;
    return this;
  }

  build(): Node {
    return structuredClone(this.node);
  }
}

export const makePod = (name = 'pod'): PodBuilder => new PodBuilder(name);
export const makeNode = (name = 'node'): NodeBuilder => new NodeBuilder(name);

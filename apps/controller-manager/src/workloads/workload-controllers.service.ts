import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { nameSuffix, rfc3339, type DaemonSet, type Deployment, type KubeObject, type Node, type Pod, type ReplicaSet, type Reply } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { keyString, referenceTo, selectorMatches, type Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { randomInt } from 'node:crypto';
import { ControllerManagerConfig } from '../controller-manager.config';
import { reconcileDaemonSet, targetNode } from './daemonset.reconcile';
import { reconcileDeployment, REVISION } from './deployment.reconcile';
import { orphaned } from './garbage.reconcile';
import { controllerOf } from './pod-state';
import { reconcileReplicaSet } from './replicaset.reconcile';
import { orphanedPods, POD_GC_QUARANTINE_SECONDS } from './pod-gc';

const suffix = () => nameSuffix(randomInt);

/** How often every workload is synced even without a change (progress deadlines, minReadySeconds). */
export const RESYNC_SECONDS = 10;

type WorkloadKind = 'ReplicaSet' | 'Deployment' | 'DaemonSet';

/**
 * The ReplicaSet, Deployment and DaemonSet controllers and the garbage collector. Each sync is a
 * pure reconcile function; this edge queues the objects that changed, carries out their actions
 * one at a time through the apiserver, and waits for its own projection to see each write, so a
 * pod is never created twice for the same missing replica.
 */
@Injectable()
export class WorkloadControllers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('workload-controllers');
  private readonly queue = new Set<string>();
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private resync?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  /** PodGC's quarantine: when each pod was first seen bound to a node that does not exist. */
  private readonly podGcSeen = new Map<string, number>();

  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(ControllerManagerConfig) private readonly config: ControllerManagerConfig,
  ) {}

  onApplicationBootstrap() {
    this.unsubscribe = this.cluster.subscribe((c) => this.onChange(c));
    this.enqueueAll();
    this.running = true;
    this.loop = this.run();
    const every = RESYNC_SECONDS * 1000 * this.config.timeScale;
    const tick = () => {
      this.enqueueAll();
      this.resync = setTimeout(tick, every);
    };
    this.resync = setTimeout(tick, every);
  }

  async onApplicationShutdown() {
    this.running = false;
    clearTimeout(this.resync);
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  private enqueue(kind: WorkloadKind | 'GC', namespace = '', name = '') {
    this.queue.add(`${kind}/${namespace}/${name}`);
    this.wake?.();
  }

  private enqueueAll() {
    for (const kind of ['Deployment', 'ReplicaSet', 'DaemonSet'] as const) for (const o of this.cluster.store.list(kind)) this.enqueue(kind, o.metadata.namespace, o.metadata.name);
    this.enqueue('GC');
  }

  private onChange(c: Change) {
    const o = c.object;
    const owner = controllerOf(o);
    if (owner && ['ReplicaSet', 'Deployment', 'DaemonSet'].includes(owner.kind)) this.enqueue(owner.kind as WorkloadKind, o.metadata.namespace, owner.name);
    switch (o.kind) {
      case 'Pod':
        if (!owner) for (const rs of this.cluster.store.list('ReplicaSet')) if (rs.metadata.namespace === o.metadata.namespace && selectorMatches((rs as ReplicaSet).spec.selector, o.metadata.labels)) this.enqueue('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
        break;
      case 'ReplicaSet':
      case 'Deployment':
      case 'DaemonSet':
        this.enqueue(o.kind, o.metadata.namespace, o.metadata.name);
        break;
      case 'Node':
        for (const ds of this.cluster.store.list('DaemonSet')) this.enqueue('DaemonSet', ds.metadata.namespace, ds.metadata.name);
        break;
      default:
        break;
    }
    if (c.type === 'DELETED') this.enqueue('GC');
  }

  private async run() {
    while (this.running) {
      const next = this.queue.values().next();
      if (next.done) {
        await new Promise<void>((r) => (this.wake = r));
        this.wake = undefined;
        continue;
      }
      this.queue.delete(next.value);
      const [kind, namespace, name] = next.value.split('/') as [WorkloadKind | 'GC', string, string];
      try {
        await this.sync(kind, namespace, name);
      } catch (e) {
        this.logger.warn(`syncing ${next.value}: ${e instanceof Error ? e.message : e}; will retry`);
        setTimeout(() => this.enqueue(kind, namespace, name), 1000 * this.config.timeScale);
      }
    }
  }

  private async sync(kind: WorkloadKind | 'GC', namespace: string, name: string) {
    if (kind === 'GC') return this.collectGarbage();
    const o = this.cluster.store.get({ kind, namespace, name });
    if (!o) return;
    const ctx = { now: Date.now(), timeScale: this.config.timeScale, suffix };
    const pods = [...this.cluster.store.list('Pod')] as Pod[];
    if (o.kind === 'ReplicaSet') await this.syncReplicaSet(o, pods, ctx);
    else if (o.kind === 'Deployment') await this.syncDeployment(o, ctx);
    else if (o.kind === 'DaemonSet') await this.syncDaemonSet(o, pods, ctx);
  }

  /** A write, then wait until this process's projection has it. */
  private async write(reply: Promise<Reply>, what: string): Promise<Reply> {
    const r = await reply;
    if (r.ok) await this.cluster.waitFor(Number(r.resourceVersion));
    // 403 is admission's final word (a quota, a LimitRange, a terminating namespace): reported, not retried at once.
    else if (r.status.code !== 403 && r.status.code !== 404 && r.status.code !== 409) throw new Error(`${what}: ${r.status.message}`);
    return r;
  }

  private async event(o: KubeObject, component: string, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal') {
    await this.api.recordEvent({ involvedObject: referenceTo(o), reason, message, type, component, by: component });
  }

  private async syncReplicaSet(rs: ReplicaSet, pods: Pod[], ctx: { now: number; timeScale: number; suffix: () => string }) {
    const by = 'replicaset-controller';
    for (const a of reconcileReplicaSet(rs, pods, ctx)) {
      switch (a.type) {
        case 'adopt':
        case 'release': {
          const refs = (a.pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
          const ownerReferences = a.type === 'adopt' ? [...refs, a.owner] : refs;
          await this.write(this.api.updatePodMetadata({ namespace: a.pod.metadata.namespace, name: a.pod.metadata.name, uid: a.pod.metadata.uid, labels: a.pod.metadata.labels, annotations: a.pod.metadata.annotations, ownerReferences, by }), `adopting ${a.pod.metadata.name}`);
          break;
        }
        case 'create': {
          const r = await this.write(this.api.createObject({ object: a.pod, by, cause: `${rs.metadata.name} has fewer pods than its ${rs.spec.replicas} replicas` }), `creating a pod for ${rs.metadata.name}`);
          if (r.ok) await this.event(rs, by, 'SuccessfulCreate', `Created pod: ${r.name ?? a.pod.metadata.name}`);
          // A terminating namespace is no failure worth an event (controller_utils.go RealPodControl).
          else if (!r.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) await this.event(rs, by, 'FailedCreate', `Error creating: ${r.status.message}`, 'Warning');
          break;
        }
        case 'delete': {
          const r = await this.write(this.api.deletePod({ namespace: a.pod.metadata.namespace, name: a.pod.metadata.name, uid: a.pod.metadata.uid, by, cause: `${rs.metadata.name} has more pods than its ${rs.spec.replicas} replicas` }), `deleting ${a.pod.metadata.name}`);
          if (r.ok) await this.event(rs, by, 'SuccessfulDelete', `Deleted pod: ${a.pod.metadata.name}`);
          break;
        }
        case 'status':
          await this.write(this.api.updateObjectStatus({ kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name, status: a.status, by }), `status of ${rs.metadata.name}`);
          break;
      }
    }
  }

  private async syncDeployment(d: Deployment, ctx: { now: number; timeScale: number }) {
    const by = 'deployment-controller';
    const all = [...this.cluster.store.list('ReplicaSet')] as ReplicaSet[];
    for (const a of reconcileDeployment(d, all, ctx)) {
      switch (a.type) {
        case 'createRS': {
          const r = await this.write(this.api.createObject({ object: a.rs, by, cause: `${d.metadata.name} has a new pod template` }), `creating ${a.rs.metadata.name}`);
          if (r.ok) await this.event(d, by, 'ScalingReplicaSet', a.message);
          break;
        }
        case 'scaleRS': {
          const r = await this.write(this.api.updateObject({ object: { ...a.rs, spec: { ...a.rs.spec, replicas: a.replicas } }, by }), `scaling ${a.rs.metadata.name}`);
          if (r.ok) await this.event(d, by, 'ScalingReplicaSet', a.message);
          break;
        }
        case 'reviseRS':
          await this.write(
            this.api.updateObject({ object: { ...a.rs, metadata: { ...a.rs.metadata, annotations: { ...a.rs.metadata.annotations, [REVISION]: String(a.revision) } } }, by }),
            `revising ${a.rs.metadata.name}`,
          );
          break;
        case 'annotateRevision': {
          const annotations = { ...d.metadata.annotations, [REVISION]: String(a.revision) };
          // With its resourceVersion: a user's concurrent change wins (409), the next sync annotates again.
          await this.write(this.api.updateObject({ object: { ...d, metadata: { ...d.metadata, annotations } }, resourceVersion: d.metadata.resourceVersion, by }), `revision of ${d.metadata.name}`);
          break;
        }
        case 'deleteRS':
          await this.write(this.api.deleteObject({ kind: 'ReplicaSet', namespace: a.rs.metadata.namespace, name: a.rs.metadata.name, uid: a.rs.metadata.uid, by }), `deleting ${a.rs.metadata.name}`);
          break;
        case 'status':
          await this.write(this.api.updateObjectStatus({ kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name, status: a.status, by }), `status of ${d.metadata.name}`);
          break;
      }
    }
  }

  private async syncDaemonSet(ds: DaemonSet, pods: Pod[], ctx: { now: number; timeScale: number; suffix: () => string }) {
    const by = 'daemonset-controller';
    const nodes = [...this.cluster.store.list('Node')] as Node[];
    for (const a of reconcileDaemonSet(ds, nodes, pods, ctx)) {
      switch (a.type) {
        case 'create': {
          const r = await this.write(this.api.createObject({ object: a.pod, by, cause: `${ds.metadata.name} has no pod on ${a.node}` }), `creating a daemon pod on ${a.node}`);
          if (r.ok) await this.event(ds, by, 'SuccessfulCreate', `Created pod: ${r.name ?? a.pod.metadata.name}`);
          else if (!r.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) await this.event(ds, by, 'FailedCreate', `Error creating: ${r.status.message}`, 'Warning');
          break;
        }
        case 'delete': {
          const r = await this.write(this.api.deletePod({ namespace: a.pod.metadata.namespace, name: a.pod.metadata.name, uid: a.pod.metadata.uid, by, cause: `${ds.metadata.name}: pod on ${targetNode(a.pod) ?? 'no node'} is not wanted there or is outdated` }), `deleting ${a.pod.metadata.name}`);
          if (r.ok) await this.event(ds, by, 'SuccessfulDelete', `Deleted pod: ${a.pod.metadata.name}`);
          break;
        }
        case 'status':
          await this.write(this.api.updateObjectStatus({ kind: 'DaemonSet', namespace: ds.metadata.namespace, name: ds.metadata.name, status: a.status, by }), `status of ${ds.metadata.name}`);
          break;
      }
    }
  }

  /** Background cascading deletion: dependents whose owners are all gone are deleted. Then PodGC. */
  private async collectGarbage() {
    await this.collectPodsOfVanishedNodes();
    await this.collectOrphans();
  }

  /** PodGC: pods bound to a node that was deleted go (force, after a quarantine), as kube-controller-manager's. */
  private async collectPodsOfVanishedNodes() {
    const pods = this.cluster.store.list('Pod') as Iterable<Pod>;
    const nodes = this.cluster.store.list('Node') as Iterable<Node>;
    const by = 'pod-garbage-collector';
    for (const p of orphanedPods(pods, nodes, this.podGcSeen, Date.now(), POD_GC_QUARANTINE_SECONDS * 1000 * this.config.timeScale)) {
      const { namespace, name, uid } = p.metadata;
      await this.api.setPodCondition({ namespace, name, uid, condition: { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(Date.now()), reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }, by });
      await this.write(this.api.deletePod({ namespace, name, uid, gracePeriodSeconds: 0, by, cause: `its node ${p.spec.nodeName} no longer exists` }), `collecting ${name}`);
    }
  }

  private async collectOrphans() {
    const uids = new Set<string>();
    for (const o of this.cluster.store.objects.values()) uids.add(o.metadata.uid);
    const by = 'garbage-collector';
    for (const o of [...this.cluster.store.objects.values()]) {
      if (!orphaned(o, (uid) => uids.has(uid))) continue;
      if (o.kind === 'Pod') {
        if (!o.metadata.deletionTimestamp) await this.write(this.api.deletePod({ namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, by, cause: 'its owner was deleted' }), `collecting ${keyString({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name })}`);
      } else if (o.kind === 'ReplicaSet' || o.kind === 'Deployment' || o.kind === 'DaemonSet' || o.kind === 'Service') {
        await this.write(this.api.deleteObject({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, by, cause: 'its owner was deleted' }), `collecting ${o.metadata.name}`);
      }
    }
  }
}

import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SUBJECTS, type Node, type NodeCondition, type NodeSpec, type ObjectReference, type PodCondition, type PodStatus, type Taint, type Reply } from '@kubesim/api';
import type { ClusterView, Command } from '@kubesim/core';
import { CommandBus } from '../commands/command-bus';
import { Projection } from '@kubesim/eventlog';
import { isGenericKind, type GenericKind, type GenericObject, type OwnerReference } from '@kubesim/api';
import { notFound, refOf } from '@kubesim/core';
import { admitWrite, attributesOf } from '../admission';
import { PodServiceAccounts } from '../http/pod-service-account';
import { failure, StatusError } from '../http/status';
import { toStatus } from '../http/status';
import { NamespaceStatusDto, RecordNodeProcessActionDto } from './requests.dto';
import { CreateObjectDto, DeleteObjectDto, UpdateObjectDto, UpdateObjectStatusDto, UpdatePodMetadataDto } from './requests.dto';
import {
  BindPodDto,
  DeletePodDto,
  MarkPodUnschedulableDto,
  RecordEventDto,
  RegisterNodeDto,
  ReportPodStatusDto,
  SetNodeConditionDto,
  UpdateNodeSpecDto,
  MarkPodNodeLostDto,
  SetPodConditionDto,
  TaintNodeDto,
  SetNodeUnschedulableDto,
} from './requests.dto';

/** Writes from the scheduler, kubelets and controllers, over NATS request/reply. */
@Controller()
export class InternalController {
  constructor(
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(PodServiceAccounts) private readonly serviceAccounts: PodServiceAccounts,
  ) {}

  private async run(command: Command | ((view: ClusterView) => Command), who: { by: string; cause?: string }): Promise<Reply> {
    try {
      const r = await this.bus.execute(command, who);
      const o = r.objects[r.objects.length - 1] ?? r.objects[0];
      return { ok: true, resourceVersion: o?.metadata.resourceVersion ?? String(r.seq), ...(o ? { name: r.objects[0]?.metadata.name ?? o.metadata.name } : {}) };
    } catch (e) {
      return { ok: false, status: toStatus(e) };
    }
  }

  @MessagePattern(SUBJECTS.bindPod)
  bind(@Payload() p: BindPodDto) {
    return this.run({ type: 'BindPod', namespace: p.namespace, name: p.name, uid: p.uid, node: p.node }, p);
  }

  @MessagePattern(SUBJECTS.markPodUnschedulable)
  unschedulable(@Payload() p: MarkPodUnschedulableDto) {
    return this.run({ type: 'MarkPodUnschedulable', namespace: p.namespace, name: p.name, uid: p.uid, message: p.message }, p);
  }

  @MessagePattern(SUBJECTS.reportPodStatus)
  status(@Payload() p: ReportPodStatusDto) {
    return this.run({ type: 'ReportPodStatus', namespace: p.namespace, name: p.name, uid: p.uid, node: p.node, status: p.status as PodStatus }, p);
  }

  @MessagePattern(SUBJECTS.deletePod)
  delete(@Payload() p: DeletePodDto) {
    return this.run({ type: 'DeletePod', namespace: p.namespace, name: p.name, uid: p.uid, gracePeriodSeconds: p.gracePeriodSeconds }, p);
  }

  @MessagePattern(SUBJECTS.registerNode)
  register(@Payload() p: RegisterNodeDto) {
    return this.run({ type: 'RegisterNode', node: p.node as Node }, p);
  }

  @MessagePattern(SUBJECTS.updateNodeSpec)
  nodeSpec(@Payload() p: UpdateNodeSpecDto) {
    return this.run({ type: 'UpdateNodeSpec', name: p.name, spec: p.spec as NodeSpec }, p);
  }

  @MessagePattern(SUBJECTS.setNodeCondition)
  condition(@Payload() p: SetNodeConditionDto) {
    return this.run({ type: 'SetNodeCondition', name: p.name, condition: p.condition as NodeCondition }, p);
  }

  @MessagePattern(SUBJECTS.recordEvent)
  event(@Payload() p: RecordEventDto) {
    return this.run(
      {
        type: 'RecordEvent',
        event: { involvedObject: p.involvedObject as ObjectReference, reason: p.reason, message: p.message, type: p.type, component: p.component, host: p.host },
      },
      p,
    );
  }

  // --- node loss (issue 4, node part) ---
  @MessagePattern(SUBJECTS.markPodNodeLost)
  podNodeLost(@Payload() p: MarkPodNodeLostDto) {
    return this.run({ type: 'MarkPodNodeLost', namespace: p.namespace, name: p.name, uid: p.uid, node: p.node, policy: p.policy }, p);
  }

  @MessagePattern(SUBJECTS.setPodCondition)
  podCondition(@Payload() p: SetPodConditionDto) {
    return this.run({ type: 'SetPodCondition', namespace: p.namespace, name: p.name, uid: p.uid, condition: p.condition as PodCondition }, p);
  }

  @MessagePattern(SUBJECTS.taintNode)
  taint(@Payload() p: TaintNodeDto) {
    return this.run({ type: 'TaintNode', name: p.name, taints: p.taints as Taint[] }, p);
  }

  @MessagePattern(SUBJECTS.untaintNode)
  untaint(@Payload() p: TaintNodeDto) {
    return this.run({ type: 'UntaintNode', name: p.name, taints: p.taints as Taint[] }, p);
  }

  @MessagePattern(SUBJECTS.setNodeUnschedulable)
  unschedulableNode(@Payload() p: SetNodeUnschedulableDto) {
    return this.run({ type: 'SetNodeUnschedulable', name: p.name, unschedulable: p.unschedulable }, p);
  }
  // --- end node loss ---

  // --- workloads ---
  @MessagePattern(SUBJECTS.createObject)
  async createObject(@Payload() p: CreateObjectDto): Promise<Reply> {
    try {
      const o = p.object;
      const ns = o.metadata?.namespace ?? 'default';
      const kind = o.kind === 'Pod' ? 'Pod' : genericKind(o.kind);
      if (kind === 'Pod') await this.serviceAccounts.waitFor(ns, o.spec?.serviceAccountName);
      return await this.run((view) => {
        const admitted = admitWrite(attributesOf('CREATE', kind, ns, o), view);
        return admitted.kind === 'Pod' ? { type: 'CreatePod', pod: admitted } : { type: 'CreateObject', object: admitted as GenericObject };
      }, p);
    } catch (e) {
      return { ok: false, status: toStatus(e) };
    }
  }

  @MessagePattern(SUBJECTS.updateObject)
  async updateObject(@Payload() p: UpdateObjectDto): Promise<Reply> {
    try {
      const kind = genericKind(p.object.kind);
      const current = this.cluster.store.get({ kind, namespace: p.object.metadata?.namespace ?? '', name: p.object.metadata?.name ?? '' }) as GenericObject | undefined;
      if (!current) throw notFound(refOf(kind, p.object.metadata?.name ?? ''));
      return await this.run((view) => ({ type: 'UpdateObject', object: admitWrite(attributesOf('UPDATE', kind, current.metadata.namespace ?? '', p.object, current), view) as GenericObject, resourceVersion: p.resourceVersion }), p);
    } catch (e) {
      return { ok: false, status: toStatus(e) };
    }
  }

  @MessagePattern(SUBJECTS.updateObjectStatus)
  updateObjectStatus(@Payload() p: UpdateObjectStatusDto) {
    return this.run({ type: 'UpdateObjectStatus', kind: p.kind, namespace: p.namespace, name: p.name, status: p.status as GenericObject['status'] }, p);
  }

  @MessagePattern(SUBJECTS.deleteObject)
  deleteObject(@Payload() p: DeleteObjectDto) {
    return this.run({ type: 'DeleteObject', kind: p.kind, namespace: p.namespace, name: p.name, uid: p.uid }, p);
  }

  @MessagePattern(SUBJECTS.updatePodMetadata)
  updatePodMetadata(@Payload() p: UpdatePodMetadataDto) {
    return this.run(
      { type: 'UpdatePodMetadata', namespace: p.namespace, name: p.name, uid: p.uid, labels: p.labels, annotations: p.annotations, ownerReferences: p.ownerReferences as OwnerReference[] | undefined },
      p,
    );
  }
  // --- end workloads ---

  // --- namespaces (issue 12) ---
  @MessagePattern(SUBJECTS.namespaceStatus)
  async namespaceStatus(@Payload() p: NamespaceStatusDto): Promise<Reply> {
    const set = await this.run({ type: 'SetNamespaceConditions', name: p.name, conditions: p.conditions }, p);
    if (!set.ok || !p.finalizers) return set;
    return this.run({ type: 'FinalizeNamespace', name: p.name, finalizers: p.finalizers }, p);
  }

  // --- what-if (issue 5) ---
  @MessagePattern(SUBJECTS.recordNodeProcessAction)
  nodeProcessAction(@Payload() p: RecordNodeProcessActionDto) {
    return this.run({ type: 'RecordNodeProcessAction', name: p.name, action: p.action, node: p.node }, p);
  }
}

function genericKind(kind: unknown): GenericKind {
  if (typeof kind !== 'string' || !isGenericKind(kind)) throw new StatusError(failure(400, 'BadRequest', `kind ${String(kind)} cannot be written through this subject`));
  return kind;
}

import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SUBJECTS, type Node, type NodeCondition, type NodeSpec, type ObjectReference, type PodStatus, type Reply } from '@kubesim/api';
import type { Command } from '@kubesim/core';
import { CommandBus } from '../commands/command-bus';
import { toStatus } from '../http/status';
import {
  BindPodDto,
  DeletePodDto,
  MarkPodUnschedulableDto,
  RecordEventDto,
  RegisterNodeDto,
  ReportPodStatusDto,
  SetNodeConditionDto,
  UpdateNodeSpecDto,
} from './requests.dto';

/** Writes from the scheduler, kubelets and controllers, over NATS request/reply. */
@Controller()
export class InternalController {
  constructor(@Inject(CommandBus) private readonly bus: CommandBus) {}

  private async run(command: Command, who: { by: string; cause?: string }): Promise<Reply> {
    try {
      const r = await this.bus.execute(command, who);
      const o = r.objects[r.objects.length - 1] ?? r.objects[0];
      return { ok: true, resourceVersion: o?.metadata.resourceVersion ?? String(r.seq) };
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
}

import {
  SUBJECTS,
  type CreateObjectRequest,
  type DeleteObjectRequest,
  type UpdateObjectRequest,
  type UpdateObjectStatusRequest,
  type UpdatePodMetadataRequest,
  type BindPodRequest,
  type DeletePodRequest,
  type MarkPodUnschedulableRequest,
  type RecordEventRequest,
  type RegisterNodeRequest,
  type Reply,
  type ReportPodStatusRequest,
  type SetNodeConditionRequest,
  type UpdateNodeSpecRequest,
  type MarkPodNodeLostRequest,
  type SetPodConditionRequest,
  type TaintNodeRequest,
  type UntaintNodeRequest,
  type SetNodeUnschedulableRequest,
  type RecordNodeProcessActionRequest,
  type NamespaceStatusRequest,
} from '@kubesim/api';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';

type Without<T> = Omit<T, 'by'> & { by?: string };

export class ApiUnavailableError extends Error {}

/** Typed writes to the apiserver over NATS request/reply. A refusal is `{ ok: false, status }`. */
export class ApiClient {
  constructor(
    private readonly proxy: ClientProxy,
    readonly by: string,
    private readonly timeoutMs = 10_000,
  ) {}

  private async send(subject: string, payload: object): Promise<Reply> {
    try {
      return await firstValueFrom(this.proxy.send<Reply>(subject, { by: this.by, ...payload }).pipe(timeout(this.timeoutMs)));
    } catch (e) {
      throw new ApiUnavailableError(`${subject}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  bindPod = (r: Without<BindPodRequest>) => this.send(SUBJECTS.bindPod, r);
  markPodUnschedulable = (r: Without<MarkPodUnschedulableRequest>) => this.send(SUBJECTS.markPodUnschedulable, r);
  reportPodStatus = (r: Without<ReportPodStatusRequest>) => this.send(SUBJECTS.reportPodStatus, r);
  deletePod = (r: Without<DeletePodRequest>) => this.send(SUBJECTS.deletePod, r);
  registerNode = (r: Without<RegisterNodeRequest>) => this.send(SUBJECTS.registerNode, r);
  updateNodeSpec = (r: Without<UpdateNodeSpecRequest>) => this.send(SUBJECTS.updateNodeSpec, r);
  setNodeCondition = (r: Without<SetNodeConditionRequest>) => this.send(SUBJECTS.setNodeCondition, r);
  recordEvent = (r: Without<RecordEventRequest>) => this.send(SUBJECTS.recordEvent, r);
  // --- node loss (issue 4, node part) ---
  markPodNodeLost = (r: Without<MarkPodNodeLostRequest>) => this.send(SUBJECTS.markPodNodeLost, r);
  setPodCondition = (r: Without<SetPodConditionRequest>) => this.send(SUBJECTS.setPodCondition, r);
  taintNode = (r: Without<TaintNodeRequest>) => this.send(SUBJECTS.taintNode, r);
  untaintNode = (r: Without<UntaintNodeRequest>) => this.send(SUBJECTS.untaintNode, r);
  setNodeUnschedulable = (r: Without<SetNodeUnschedulableRequest>) => this.send(SUBJECTS.setNodeUnschedulable, r);

  // --- workloads ---
  createObject = (r: Without<CreateObjectRequest>) => this.send(SUBJECTS.createObject, r);
  updateObject = (r: Without<UpdateObjectRequest>) => this.send(SUBJECTS.updateObject, r);
  updateObjectStatus = (r: Without<UpdateObjectStatusRequest>) => this.send(SUBJECTS.updateObjectStatus, r);
  deleteObject = (r: Without<DeleteObjectRequest>) => this.send(SUBJECTS.deleteObject, r);
  updatePodMetadata = (r: Without<UpdatePodMetadataRequest>) => this.send(SUBJECTS.updatePodMetadata, r);
  // --- end workloads ---
  recordNodeProcessAction = (r: Without<RecordNodeProcessActionRequest>) => this.send(SUBJECTS.recordNodeProcessAction, r);
  /** The namespace controller (issue 12): conditions, and with `finalizers` the finalize call. */
  namespaceStatus = (r: Without<NamespaceStatusRequest>) => this.send(SUBJECTS.namespaceStatus, r);

  async close(): Promise<void> {
    await this.proxy.close();
  }
}

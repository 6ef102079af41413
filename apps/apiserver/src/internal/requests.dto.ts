import { GENERIC_KINDS, type GenericKind } from '@kubesim/api';
import { NODE_PROCESS_ACTIONS, type NodeProcessActionKind } from '@kubesim/core';
import { IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

/** The NATS edge's DTOs: what a component may send the apiserver. */
abstract class CallerDto {
  @IsString()
  @IsNotEmpty()
  by!: string;

  @IsOptional()
  @IsString()
  cause?: string;
}

abstract class PodTargetDto extends CallerDto {
  @IsString()
  @IsNotEmpty()
  namespace!: string;

  @IsString()
  @IsNotEmpty()
  name!: string;
}

export class BindPodDto extends PodTargetDto {
  @IsString()
  @IsNotEmpty()
  uid!: string;

  @IsString()
  @IsNotEmpty()
  node!: string;
}

export class MarkPodUnschedulableDto extends PodTargetDto {
  @IsString()
  @IsNotEmpty()
  uid!: string;

  @IsString()
  @IsNotEmpty()
  message!: string;
}

export class ReportPodStatusDto extends PodTargetDto {
  @IsString()
  @IsNotEmpty()
  uid!: string;

  @IsString()
  @IsNotEmpty()
  node!: string;

  @IsObject()
  status!: Record<string, any>;
}

export class DeletePodDto extends PodTargetDto {
  @IsOptional()
  @IsString()
  uid?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  gracePeriodSeconds?: number;
}

export class RegisterNodeDto extends CallerDto {
  @IsObject()
  node!: Record<string, any>;
}

export class UpdateNodeSpecDto extends CallerDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsObject()
  spec!: Record<string, any>;
}

export class SetNodeConditionDto extends CallerDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsObject()
  condition!: Record<string, any>;
}

export class RecordEventDto extends CallerDto {
  @IsObject()
  involvedObject!: Record<string, any>;

  @IsString()
  @IsNotEmpty()
  reason!: string;

  @IsString()
  message!: string;

  @IsIn(['Normal', 'Warning'])
  type!: 'Normal' | 'Warning';

  @IsString()
  @IsNotEmpty()
  component!: string;

  @IsOptional()
  @IsString()
  host?: string;
}

// --- node loss (issue 4, node part) ---
export class MarkPodNodeLostDto extends PodTargetDto {
  @IsOptional()
  @IsString()
  uid?: string;

  @IsString()
  @IsNotEmpty()
  node!: string;

  @IsIn(['legacy', 'modern'])
  policy!: 'legacy' | 'modern';
}

export class SetPodConditionDto extends PodTargetDto {
  @IsOptional()
  @IsString()
  uid?: string;

  @IsObject()
  condition!: Record<string, any>;
}

export class TaintNodeDto extends CallerDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsArray()
  @IsObject({ each: true })
  taints!: Record<string, any>[];
}

export class SetNodeUnschedulableDto extends CallerDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsBoolean()
  unschedulable!: boolean;
}
// --- end node loss ---

// --- workloads ---
export class CreateObjectDto extends CallerDto {
  @IsObject()
  object!: Record<string, any>;
}

export class UpdateObjectDto extends CallerDto {
  @IsObject()
  object!: Record<string, any>;

  @IsOptional()
  @IsString()
  resourceVersion?: string;
}

/** A Service, ReplicaSet, Deployment or DaemonSet, by kind, namespace and name. */
abstract class ObjectTargetDto extends CallerDto {
  @IsIn(GENERIC_KINDS)
  kind!: GenericKind;

  /** "" for a cluster-scoped kind (PersistentVolume, StorageClass). */
  @IsString()
  namespace!: string;

  @IsString()
  @IsNotEmpty()
  name!: string;
}

export class UpdateObjectStatusDto extends ObjectTargetDto {
  @IsObject()
  status!: Record<string, any>;
}

export class DeleteObjectDto extends ObjectTargetDto {
  @IsOptional()
  @IsString()
  uid?: string;
}

export class UpdatePodMetadataDto extends PodTargetDto {
  @IsString()
  @IsNotEmpty()
  uid!: string;

  @IsOptional()
  @IsObject()
  labels?: Record<string, string>;

  @IsOptional()
  @IsObject()
  annotations?: Record<string, string>;

  @IsOptional()
  @IsArray()
  ownerReferences?: Record<string, any>[];
}
// --- end workloads ---

// --- what-if (issue 5) ---
/** The settings of a `kubesim node add`, as the log keeps them for a resimulation. */
export class NodeProcessOptionsDto {
  @IsOptional()
  @IsString()
  cpu?: string;

  @IsOptional()
  @IsString()
  memory?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  pods?: number;

  @IsOptional()
  @IsString()
  labels?: string;

  @IsOptional()
  @IsString()
  taints?: string;

  @IsOptional()
  @IsString()
  resources?: string;
}

class NamespaceConditionDto {
  @IsString()
  @IsNotEmpty()
  type!: string;

  @IsIn(['True', 'False', 'Unknown'])
  status!: 'True' | 'False' | 'Unknown';

  @IsOptional()
  @IsString()
  lastTransitionTime?: string;

  @IsOptional()
  @IsString()
  reason?: string;

  @IsOptional()
  @IsString()
  message?: string;
}

export class NamespaceStatusDto extends CallerDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NamespaceConditionDto)
  conditions!: NamespaceConditionDto[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  finalizers?: string[];
}

export class RecordNodeProcessActionDto extends CallerDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsIn(NODE_PROCESS_ACTIONS)
  action!: NodeProcessActionKind;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NodeProcessOptionsDto)
  node?: NodeProcessOptionsDto;
}

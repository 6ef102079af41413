import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Min, ValidateBy, ValidateNested } from 'class-validator';
import type { Node, NodeCondition, NodeSpec, ObjectReference, OwnerReference, PodCondition, PodStatus, Taint } from '../types';
import { GENERIC_KINDS, isGenericKind, type GenericKind, type GenericObject } from '../workloads';
import { IsKubernetes, IsKubernetesBy, IsKubernetesObject, IsStringMap, lazyModel, type KubernetesModel } from './kubernetes-model.validator';

// Upstream's schemas, loaded on first use: only the apiserver validates, and loading them all
// costs seconds of start-up that the kubelets and the scheduler need not pay.
/* eslint-disable @typescript-eslint/no-require-imports */
const PodStatusModel = lazyModel('PodStatus', () => require('kubernetes-models/v1/PodStatus').PodStatus);
const NodeModel = lazyModel('Node', () => require('kubernetes-models/v1/Node').Node);
const NodeSpecModel = lazyModel('NodeSpec', () => require('kubernetes-models/v1/NodeSpec').NodeSpec);
const NodeConditionModel = lazyModel('NodeCondition', () => require('kubernetes-models/v1/NodeCondition').NodeCondition);
const ObjectReferenceModel = lazyModel('ObjectReference', () => require('kubernetes-models/v1/ObjectReference').ObjectReference);
const PodConditionModel = lazyModel('PodCondition', () => require('kubernetes-models/v1/PodCondition').PodCondition);
const TaintModel = lazyModel('Taint', () => require('kubernetes-models/v1/Taint').Taint);
const OwnerReferenceModel = lazyModel('OwnerReference', () => require('@kubernetes-models/apimachinery/apis/meta/v1/OwnerReference').OwnerReference);
const PodModel = lazyModel('Pod', () => require('kubernetes-models/v1/Pod').Pod);
const Service = lazyModel('Service', () => require('kubernetes-models/v1/Service').Service);
const ServiceStatus = lazyModel('ServiceStatus', () => require('kubernetes-models/v1/ServiceStatus').ServiceStatus);
const ReplicaSet = lazyModel('ReplicaSet', () => require('kubernetes-models/apps/v1/ReplicaSet').ReplicaSet);
const ReplicaSetStatus = lazyModel('ReplicaSetStatus', () => require('kubernetes-models/apps/v1/ReplicaSetStatus').ReplicaSetStatus);
const Deployment = lazyModel('Deployment', () => require('kubernetes-models/apps/v1/Deployment').Deployment);
const DeploymentStatus = lazyModel('DeploymentStatus', () => require('kubernetes-models/apps/v1/DeploymentStatus').DeploymentStatus);
const DaemonSet = lazyModel('DaemonSet', () => require('kubernetes-models/apps/v1/DaemonSet').DaemonSet);
const DaemonSetStatus = lazyModel('DaemonSetStatus', () => require('kubernetes-models/apps/v1/DaemonSetStatus').DaemonSetStatus);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The payloads components send the apiserver over NATS, one class each: the class is the payload's
 * type (the typed client's argument) and its validation (the apiserver's handler). Nested
 * Kubernetes objects are checked against upstream's OpenAPI schemas (kubernetes-models).
 */

/** Who asks, and why (for the log: a replay prints it). */
export abstract class CallerDto {
  /** The component asking: `default-scheduler`, `kubelet/node-1`, `node-controller`. */
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

abstract class PodUidDto extends PodTargetDto {
  @IsString()
  @IsNotEmpty()
  uid!: string;
}

abstract class MaybePodUidDto extends PodTargetDto {
  /** When given, only this incarnation of the pod. */
  @IsOptional()
  @IsString()
  uid?: string;
}

abstract class NodeTargetDto extends CallerDto {
  @IsString()
  @IsNotEmpty()
  name!: string;
}

export class BindPodDto extends PodUidDto {
  @IsString()
  @IsNotEmpty()
  node!: string;
}

export class MarkPodUnschedulableDto extends PodUidDto {
  @IsString()
  @IsNotEmpty()
  message!: string;
}

export class ReportPodStatusDto extends PodUidDto {
  @IsString()
  @IsNotEmpty()
  node!: string;

  @IsKubernetes(PodStatusModel)
  status!: PodStatus;
}

export class DeletePodDto extends MaybePodUidDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  gracePeriodSeconds?: number;
}

export class RegisterNodeDto extends CallerDto {
  @IsKubernetes(NodeModel, { required: ['metadata.name'] })
  node!: Node;
}

export class UpdateNodeSpecDto extends NodeTargetDto {
  @IsKubernetes(NodeSpecModel)
  spec!: NodeSpec;
}

export class SetNodeConditionDto extends NodeTargetDto {
  @IsKubernetes(NodeConditionModel)
  condition!: NodeCondition;
}

export class RecordEventDto extends CallerDto {
  @IsKubernetes(ObjectReferenceModel, { required: ['kind', 'name'] })
  involvedObject!: ObjectReference;

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

export const NODE_LOST_POLICIES = ['legacy', 'modern'] as const;

export class MarkPodNodeLostDto extends MaybePodUidDto {
  @IsString()
  @IsNotEmpty()
  node!: string;

  /** `legacy` (default): phase Unknown, reason NodeLost. `modern`: Ready=False only. */
  @IsIn(NODE_LOST_POLICIES)
  policy!: (typeof NODE_LOST_POLICIES)[number];
}

export class SetPodConditionDto extends MaybePodUidDto {
  @IsKubernetes(PodConditionModel)
  condition!: PodCondition;
}

export class TaintNodeDto extends NodeTargetDto {
  @IsArray()
  @IsKubernetes(TaintModel, { each: true })
  taints!: Taint[];
}

export class UntaintNodeDto extends NodeTargetDto {
  /** Matched by key and effect. */
  @IsArray()
  @IsKubernetes(TaintModel, { each: true })
  taints!: Pick<Taint, 'key' | 'effect'>[];
}

export class SetNodeUnschedulableDto extends NodeTargetDto {
  @IsBoolean()
  unschedulable!: boolean;
}

/** The kinds a controller writes whole, each checked against its upstream schema. */
const OBJECT_MODELS: Record<string, KubernetesModel> = { Pod: PodModel, Service, ReplicaSet, Deployment, DaemonSet };
/** Kinds without a model here have their status checked as an object only (the strategies and controllers own them). */
const STATUS_MODELS = { Service: ServiceStatus, ReplicaSet: ReplicaSetStatus, Deployment: DeploymentStatus, DaemonSet: DaemonSetStatus } as Record<string, KubernetesModel>;

/** A Pod or a whole Service/ReplicaSet/Deployment/DaemonSet (admitted like a POST/PUT). */
export type WrittenObject = { apiVersion: string; kind: string; metadata: { name?: string; namespace?: string; [field: string]: unknown }; [field: string]: any };

export class CreateObjectDto extends CallerDto {
  @IsKubernetesObject(OBJECT_MODELS)
  object!: WrittenObject;
}

export class UpdateObjectDto extends CallerDto {
  @IsKubernetesObject(OBJECT_MODELS)
  object!: WrittenObject;

  @IsOptional()
  @IsString()
  resourceVersion?: string;
}

/** A generically stored kind: the built-in ones, or one a CustomResourceDefinition serves now. */
const IsGenericKind = () =>
  ValidateBy({
    name: 'isGenericKind',
    validator: {
      validate: (v) => typeof v === 'string' && isGenericKind(v),
      defaultMessage: (a) => `${a?.property} must be one of the following values: ${GENERIC_KINDS.join(', ')} or a custom resource's kind`,
    },
  });

abstract class ObjectTargetDto extends CallerDto {
  @IsGenericKind()
  kind!: GenericKind;

  /** "" for a cluster-scoped kind (PersistentVolume, StorageClass). */
  @IsString()
  namespace!: string;

  @IsString()
  @IsNotEmpty()
  name!: string;
}

export class UpdateObjectStatusDto extends ObjectTargetDto {
  /** Checked against the status schema of `kind`. */
  @IsKubernetesBy('kind', STATUS_MODELS)
  status!: GenericObject['status'];

  /** Written only over this version (409 otherwise): the disruption controller racing the Eviction API. */
  @IsOptional()
  @IsString()
  resourceVersion?: string;
}

export class DeleteObjectDto extends ObjectTargetDto {
  @IsOptional()
  @IsString()
  uid?: string;

  /** DeleteOptions' propagationPolicy Foreground. */
  @IsOptional()
  @IsBoolean()
  foreground?: boolean;
}

export class UpdatePodMetadataDto extends PodUidDto {
  @IsOptional()
  @IsStringMap()
  labels?: Record<string, string>;

  @IsOptional()
  @IsStringMap()
  annotations?: Record<string, string>;

  @IsOptional()
  @IsArray()
  @IsKubernetes(OwnerReferenceModel, { each: true })
  ownerReferences?: OwnerReference[];
}

/** The settings of a `kubesim node add` (as its flags spell them), kept in the log for a resimulation. */
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

  /** More resources to advertise: `example.com/foo=2,ephemeral-storage=50Gi`. */
  @IsOptional()
  @IsString()
  resources?: string;
}
export type NodeProcessOptions = NodeProcessOptionsDto;

export const NODE_PROCESS_ACTION_KINDS = ['kill', 'start', 'stop', 'partition', 'heal', 'add'] as const;

/** What `kubesim up` did to a node's kubelet process on a user's `kubesim node …` (a log entry only). */
export class RecordNodeProcessActionDto extends NodeTargetDto {
  @IsIn(NODE_PROCESS_ACTION_KINDS)
  action!: (typeof NODE_PROCESS_ACTION_KINDS)[number];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NodeProcessOptionsDto)
  node?: NodeProcessOptionsDto;
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

/** The namespace controller: its conditions, and with `finalizers` the finalize call (a terminating namespace with none left is removed). */
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

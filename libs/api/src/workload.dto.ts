import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, Min, ValidateNested } from 'class-validator';
import { ObjectMetaDto, PodSpecDto } from './pod.dto';
import { invalidValue, notSupported, required } from './validation-messages';

/** What a Deployment, ReplicaSet or DaemonSet manifest must have; other fields are kept as given. */
export class PodTemplateDto {
  @IsOptional()
  @IsObject(invalidValue('must be an object'))
  metadata?: { labels?: Record<string, string> };

  @IsDefined(required())
  @ValidateNested()
  @Type(() => PodSpecDto)
  spec!: PodSpecDto;
}

export class WorkloadSpecDto {
  @IsOptional()
  @IsInt(invalidValue('must be an integer'))
  @Min(0, invalidValue('must be greater than or equal to 0'))
  replicas?: number;

  @IsDefined(required())
  @IsObject(invalidValue('must be an object'))
  selector!: Record<string, unknown>;

  @IsDefined(required())
  @ValidateNested()
  @Type(() => PodTemplateDto)
  template!: PodTemplateDto;

  @IsOptional()
  @IsInt(invalidValue('must be an integer'))
  @Min(0, invalidValue('must be greater than or equal to 0'))
  minReadySeconds?: number;
}

export class WorkloadDto {
  @IsOptional()
  @IsIn(['apps/v1'], notSupported(['apps/v1']))
  apiVersion?: string;

  @IsDefined(required())
  @ValidateNested()
  @Type(() => ObjectMetaDto)
  metadata!: ObjectMetaDto;

  @IsDefined(required())
  @ValidateNested()
  @Type(() => WorkloadSpecDto)
  spec!: WorkloadSpecDto;
}

export class ServicePortDto {
  @IsDefined(required())
  @IsInt(invalidValue('must be an integer'))
  @Min(1, invalidValue('must be between 1 and 65535, inclusive'))
  port!: number;

  @IsOptional()
  @IsIn(['TCP', 'UDP', 'SCTP'], notSupported(['SCTP', 'TCP', 'UDP']))
  protocol?: string;
}

export class ServiceSpecDto {
  @IsOptional()
  @IsIn(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], notSupported(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']))
  type?: string;

  @IsOptional()
  @IsObject(invalidValue('must be a map of strings'))
  selector?: Record<string, string>;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ServicePortDto)
  ports?: ServicePortDto[];
}

export class ServiceDto {
  @IsOptional()
  @IsIn(['v1'], notSupported(['v1']))
  apiVersion?: string;

  @IsDefined(required())
  @ValidateNested()
  @Type(() => ObjectMetaDto)
  metadata!: ObjectMetaDto;

  @IsDefined(required())
  @ValidateNested()
  @Type(() => ServiceSpecDto)
  spec!: ServiceSpecDto;
}

import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DNS1123_LABEL, DNS1123_LABEL_MSG, DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MSG, invalidValue, notSupported, required } from './validation-messages';

/**
 * The shape a Pod manifest must have to be accepted. Only what kubesim checks is declared;
 * every other field of the manifest is kept as given (Kubernetes objects are open).
 */
export class ObjectMetaDto {
  @ValidateIf((m: ObjectMetaDto) => !m.generateName)
  @IsNotEmpty(required('name or generateName is required'))
  @IsString(invalidValue('must be a string'))
  @MaxLength(253, invalidValue('must be no more than 253 characters'))
  @Matches(DNS1123_SUBDOMAIN, invalidValue(DNS1123_SUBDOMAIN_MSG))
  name?: string;

  @IsOptional()
  @IsString(invalidValue('must be a string'))
  generateName?: string;

  @IsOptional()
  @IsString(invalidValue('must be a string'))
  namespace?: string;

  @IsOptional()
  @IsObject(invalidValue('must be a map of strings'))
  labels?: Record<string, string>;

  @IsOptional()
  @IsObject(invalidValue('must be a map of strings'))
  annotations?: Record<string, string>;
}

export const RESTART_POLICIES = ['Always', 'Never', 'OnFailure'] as const;
export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

export class ContainerDto {
  @IsDefined(required())
  @IsNotEmpty(required())
  @IsString(invalidValue('must be a string'))
  @Matches(DNS1123_LABEL, invalidValue(DNS1123_LABEL_MSG))
  name!: string;

  @IsDefined(required())
  @IsNotEmpty(required())
  @IsString(invalidValue('must be a string'))
  image!: string;

  @IsOptional()
  @IsArray(invalidValue('must be a list of strings'))
  @IsString({ each: true, ...invalidValue('must be a string') })
  command?: string[];

  @IsOptional()
  @IsArray(invalidValue('must be a list of strings'))
  @IsString({ each: true, ...invalidValue('must be a string') })
  args?: string[];

  @IsOptional()
  @IsIn(PULL_POLICIES, notSupported(PULL_POLICIES))
  imagePullPolicy?: string;
}

export class InitContainerDto extends ContainerDto {
  @IsOptional()
  @IsIn(['Always'], notSupported(['Always']))
  restartPolicy?: string;
}

export class PodSpecDto {
  @IsDefined(required())
  @IsArray(invalidValue('must be a list'))
  @ArrayNotEmpty(required())
  @ValidateNested({ each: true })
  @Type(() => ContainerDto)
  containers!: ContainerDto[];

  @IsOptional()
  @IsArray(invalidValue('must be a list'))
  @ValidateNested({ each: true })
  @Type(() => InitContainerDto)
  initContainers?: InitContainerDto[];

  @IsOptional()
  @IsIn(RESTART_POLICIES, notSupported(RESTART_POLICIES))
  restartPolicy?: string;

  @IsOptional()
  @IsInt(invalidValue('must be an integer'))
  @Min(0, invalidValue('must be greater than or equal to 0'))
  terminationGracePeriodSeconds?: number;

  @IsOptional()
  @IsString(invalidValue('must be a string'))
  nodeName?: string;

  @IsOptional()
  @IsObject(invalidValue('must be a map of strings'))
  nodeSelector?: Record<string, string>;
}

export class PodDto {
  @IsOptional()
  @IsIn(['v1'], notSupported(['v1']))
  apiVersion?: string;

  @IsOptional()
  @IsIn(['Pod'], notSupported(['Pod']))
  kind?: string;

  @IsDefined(required())
  @ValidateNested()
  @Type(() => ObjectMetaDto)
  metadata!: ObjectMetaDto;

  @IsDefined(required())
  @ValidateNested()
  @Type(() => PodSpecDto)
  spec!: PodSpecDto;
}

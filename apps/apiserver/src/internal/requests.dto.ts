import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Min } from 'class-validator';

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

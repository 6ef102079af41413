import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { NODE_PROCESS_OPS, type NodeProcessOp } from './compose-commands';

export class CreateDto {
  @IsString()
  @MinLength(1)
  yaml!: string;

  @IsOptional()
  @IsString()
  namespace?: string;
}

export class ObjectRefDto {
  @IsString()
  @Matches(/^[A-Za-z]+$/)
  kind!: string;

  @IsOptional()
  @IsString()
  namespace?: string;

  @IsString()
  @MinLength(1)
  name!: string;
}

export class ScaleDto extends ObjectRefDto {
  @IsInt()
  @Min(0)
  @Max(10_000)
  replicas!: number;
}

export class NodeProcessDto {
  @IsIn(NODE_PROCESS_OPS)
  op!: NodeProcessOp;
}

export class ExecDto {
  @IsOptional()
  @IsString()
  container?: string;

  /** A shell command line, run as `sh -c LINE` in the simulated container. */
  @IsString()
  @MinLength(1)
  command!: string;
}

import { IsInt, IsNumber, IsOptional, IsPositive, IsString, Max, Min } from 'class-validator';

export class WhatIfDto {
  /** An exported log (`kubesim export`); without it, this cluster's own log so far. */
  @IsOptional()
  @IsString()
  log?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  nodes?: number;

  @IsOptional()
  @IsNumber()
  @IsPositive()
  timeScale?: number;
}

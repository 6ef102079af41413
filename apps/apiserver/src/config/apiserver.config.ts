import { loadConfig } from '@kubesim/api';
import { IsIn, IsInt, IsNumber, IsPositive, IsString, Max, Min } from 'class-validator';

export class ApiserverConfig {
  @IsString()
  natsUrl: string = 'nats://127.0.0.1:4222';

  @IsString()
  host: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 8080;

  @IsNumber()
  @IsPositive()
  timeScale: number = 1;

  /** `/readyz` answers 200 only once this many nodes are Ready. */
  @IsInt()
  @Min(0)
  expectedNodes: number = 0;

  @IsString()
  stream: string = 'KUBESIM';

  @IsIn(['error', 'warn', 'log'])
  logLevel: 'error' | 'warn' | 'log' = 'log';
}

export const loadApiserverConfig = (env = process.env) =>
  loadConfig(ApiserverConfig, env, {
    natsUrl: 'KUBESIM_NATS_URL',
    host: 'KUBESIM_API_HOST',
    port: 'KUBESIM_API_PORT',
    timeScale: 'KUBESIM_TIME_SCALE',
    expectedNodes: 'KUBESIM_EXPECTED_NODES',
    stream: 'KUBESIM_STREAM',
    logLevel: 'KUBESIM_LOG_LEVEL',
  });

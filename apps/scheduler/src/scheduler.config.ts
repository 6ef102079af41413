import { loadConfig } from '@kubesim/api';
import { IsIn, IsNumber, IsPositive, IsString } from 'class-validator';

export class SchedulerConfig {
  @IsString()
  natsUrl: string = 'nats://127.0.0.1:4222';

  @IsNumber()
  @IsPositive()
  timeScale: number = 1;

  @IsString()
  schedulerName: string = 'default-scheduler';

  @IsIn(['error', 'warn', 'log'])
  logLevel: 'error' | 'warn' | 'log' = 'log';
}

export const loadSchedulerConfig = (env = process.env) =>
  loadConfig(SchedulerConfig, env, { natsUrl: 'KUBESIM_NATS_URL', timeScale: 'KUBESIM_TIME_SCALE', schedulerName: 'KUBESIM_SCHEDULER_NAME', logLevel: 'KUBESIM_LOG_LEVEL' });

import { COMPONENT_ENV, ComponentConfig, loadConfig } from '@kubesim/api';
import { IsString } from 'class-validator';

export class SchedulerConfig extends ComponentConfig {
  @IsString()
  schedulerName: string = 'default-scheduler';
}

export const loadSchedulerConfig = (env = process.env) =>
  loadConfig(SchedulerConfig, env, { ...COMPONENT_ENV, schedulerName: 'KUBESIM_SCHEDULER_NAME' });

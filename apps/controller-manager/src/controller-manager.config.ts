import { loadConfig } from '@kubesim/api';
import { IsIn, IsNumber, IsPositive, IsString } from 'class-validator';

export class ControllerManagerConfig {
  @IsString()
  natsUrl: string = 'nats://127.0.0.1:4222';

  @IsNumber()
  @IsPositive()
  timeScale: number = 1;

  /** --node-monitor-period */
  @IsNumber()
  @IsPositive()
  nodeMonitorPeriodSeconds: number = 5;

  /** --node-monitor-grace-period (50 s since v1.32) */
  @IsNumber()
  @IsPositive()
  nodeMonitorGracePeriodSeconds: number = 50;

  /** --node-startup-grace-period */
  @IsNumber()
  @IsPositive()
  nodeStartupGracePeriodSeconds: number = 60;

  @IsIn(['error', 'warn', 'log'])
  logLevel: 'error' | 'warn' | 'log' = 'log';
}

export const loadControllerManagerConfig = (env = process.env) =>
  loadConfig(ControllerManagerConfig, env, {
    natsUrl: 'KUBESIM_NATS_URL',
    timeScale: 'KUBESIM_TIME_SCALE',
    nodeMonitorPeriodSeconds: 'KUBESIM_NODE_MONITOR_PERIOD',
    nodeMonitorGracePeriodSeconds: 'KUBESIM_NODE_MONITOR_GRACE_PERIOD',
    nodeStartupGracePeriodSeconds: 'KUBESIM_NODE_STARTUP_GRACE_PERIOD',
    logLevel: 'KUBESIM_LOG_LEVEL',
  });

import { COMPONENT_ENV, ComponentConfig, loadConfig } from '@kubesim/api';
import { IsIn, IsNumber, IsPositive } from 'class-validator';

export class ControllerManagerConfig extends ComponentConfig {
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

  /** What a lost node does to its pods' phase: `legacy` = Unknown/NodeLost (kubectl shows Unknown), `modern` = unchanged (docs/decisions.md). */
  @IsIn(['legacy', 'modern'], { message: 'nodeLostPolicy must be legacy or modern' })
  nodeLostPolicy: 'legacy' | 'modern' = 'legacy';
}

export const loadControllerManagerConfig = (env = process.env) =>
  loadConfig(ControllerManagerConfig, env, {
    ...COMPONENT_ENV,
    nodeMonitorPeriodSeconds: 'KUBESIM_NODE_MONITOR_PERIOD',
    nodeMonitorGracePeriodSeconds: 'KUBESIM_NODE_MONITOR_GRACE_PERIOD',
    nodeStartupGracePeriodSeconds: 'KUBESIM_NODE_STARTUP_GRACE_PERIOD',
    nodeLostPolicy: 'KUBESIM_NODE_LOST_POLICY',
  });

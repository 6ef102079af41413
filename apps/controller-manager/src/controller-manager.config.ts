import { COMPONENT_ENV, ComponentConfig, loadConfig } from '@kubesim/api';
import { IsIn, IsInt, IsNumber, IsPositive, Max, Min } from 'class-validator';

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

  /** --node-eviction-rate: nodes per second whose NoExecute taint may be added, per zone */
  @IsNumber()
  @Min(0)
  nodeEvictionRate: number = 0.1;

  /** --secondary-node-eviction-rate: the rate in a large zone mostly down */
  @IsNumber()
  @Min(0)
  secondaryNodeEvictionRate: number = 0.01;

  /** --unhealthy-zone-threshold: the share of not-Ready nodes (more than 2) that makes a zone PartialDisruption */
  @IsNumber()
  @Min(0)
  @Max(1)
  unhealthyZoneThreshold: number = 0.55;

  /** --large-cluster-size-threshold: above it, a zone mostly down keeps the secondary rate instead of stopping */
  @IsInt()
  @Min(0)
  largeClusterSizeThreshold: number = 50;

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
    nodeEvictionRate: 'KUBESIM_NODE_EVICTION_RATE',
    secondaryNodeEvictionRate: 'KUBESIM_SECONDARY_NODE_EVICTION_RATE',
    unhealthyZoneThreshold: 'KUBESIM_UNHEALTHY_ZONE_THRESHOLD',
    largeClusterSizeThreshold: 'KUBESIM_LARGE_CLUSTER_SIZE_THRESHOLD',
  });

import { field, msg, msgs, ptr, str, type MessageSpec } from './field-spec';

/** k8s.io/api/apps/v1 `generated.proto`: Deployment. */
export const APPS_MESSAGES: Record<string, MessageSpec> = {
  Deployment: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'DeploymentSpec'), 3: msg('status', 'DeploymentStatus') },
  DeploymentSpec: {
    1: ptr('replicas', 'int32'),
    2: msg('selector', 'LabelSelector'),
    3: msg('template', 'PodTemplateSpec'),
    4: msg('strategy', 'DeploymentStrategy'),
    5: field('minReadySeconds', 'int32'),
    6: ptr('revisionHistoryLimit', 'int32'),
    7: field('paused', 'bool'),
    9: ptr('progressDeadlineSeconds', 'int32'),
    10: ptr('podReplacementPolicy', 'string'),
  },
  DeploymentStrategy: { 1: str('type'), 2: msg('rollingUpdate', 'RollingUpdateDeployment') },
  RollingUpdateDeployment: { 1: ptr('maxUnavailable', 'intOrString'), 2: ptr('maxSurge', 'intOrString') },
  DeploymentStatus: {
    1: field('observedGeneration', 'int64'),
    2: field('replicas', 'int32'),
    3: field('updatedReplicas', 'int32'),
    7: field('readyReplicas', 'int32'),
    4: field('availableReplicas', 'int32'),
    5: field('unavailableReplicas', 'int32'),
    9: ptr('terminatingReplicas', 'int32'),
    6: msgs('conditions', 'DeploymentCondition'),
    8: ptr('collisionCount', 'int32'),
  },
  DeploymentCondition: {
    1: str('type'),
    2: str('status'),
    6: field('lastUpdateTime', 'time'),
    7: field('lastTransitionTime', 'time'),
    4: str('reason'),
    5: str('message'),
  },
};

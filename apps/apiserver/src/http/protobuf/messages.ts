import { APPS_MESSAGES } from './apps.messages';
import { AUTHORIZATION_MESSAGES } from './authorization.messages';
import { RBAC_MESSAGES } from './rbac.messages';
import { AUTOSCALING_MESSAGES } from './autoscaling.messages';
import { BATCH_MESSAGES } from './batch.messages';
import { CONFIG_MESSAGES } from './config.messages';
import { CONTAINER_MESSAGES } from './container.messages';
import type { MessageSpec } from './field-spec';
import { META_MESSAGES } from './meta.messages';
import { POD_MESSAGES } from './pod.messages';
import { POLICY_MESSAGES } from './policy.messages';
import { SERVICE_MESSAGES } from './service.messages';

/**
 * The protobuf field numbers of the Kubernetes messages kubesim decodes (k8s.io/api
 * `generated.proto`): what kubectl's typed clients send as `application/vnd.kubernetes.protobuf`
 * (`kubectl create namespace|deployment|service`).
 */
export const MESSAGES: Record<string, MessageSpec> = { ...META_MESSAGES, ...CONTAINER_MESSAGES, ...POD_MESSAGES, ...SERVICE_MESSAGES, ...APPS_MESSAGES, ...BATCH_MESSAGES, ...CONFIG_MESSAGES, ...AUTOSCALING_MESSAGES, ...POLICY_MESSAGES, ...AUTHORIZATION_MESSAGES, ...RBAC_MESSAGES };

/** The top-level kinds (the envelope's `kind`) kubesim decodes, each its own message. */
export const DECODABLE_KINDS = ['Namespace', 'Pod', 'Service', 'Deployment', 'ConfigMap', 'Secret', 'ServiceAccount', 'ResourceQuota', 'HorizontalPodAutoscaler', 'Job', 'CronJob', 'PodDisruptionBudget', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SelfSubjectReview', 'TokenRequest'] as const;

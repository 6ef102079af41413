import type { MutatingPlugin, StrategyPlugin, ValidatingPlugin } from './admission';
import { defaultStorageClass } from './default-storage-class.plugin';
import { persistentVolumeClaimResize } from './persistent-volume-claim-resize.plugin';
import { storageObjectInUseProtection } from './storage-object-in-use-protection.plugin';
import { limitRangerDefaults, limitRangerValidation } from './limit-ranger.plugin';
import { namespaceLifecycle } from './namespace-lifecycle.plugin';
import { customResourceStrategy } from './custom-resource-strategy';
import { objectStrategy } from './object-strategy';
import { podStrategy } from './pod-strategy';
import { resourceQuota } from './resource-quota.plugin';
import { serviceAccount } from './service-account.plugin';

/**
 * Every admission plugin kubesim runs, in kube-apiserver's order (`AllOrderedPlugins`,
 * pkg/kubeapiserver/options/plugins.go): mutating first, then the registry's strategy of the
 * storage, then validating. A plugin with both halves (LimitRanger) appears in both lists.
 */
export const MUTATING: readonly MutatingPlugin[] = [namespaceLifecycle, limitRangerDefaults, serviceAccount, defaultStorageClass, storageObjectInUseProtection];
export const STRATEGIES: readonly StrategyPlugin[] = [podStrategy, customResourceStrategy, objectStrategy];
export const VALIDATING: readonly ValidatingPlugin[] = [limitRangerValidation, persistentVolumeClaimResize, resourceQuota];

export const PLUGIN_NAMES = [...new Set([...MUTATING, ...VALIDATING].map((p) => p.name))];

export * from './admission';
export { admitWrite, disableAdmissionPlugins, isAdmissionPluginEnabled } from './chain';
export { attributesOf } from './attributes';
export { IMMORTAL_NAMESPACES, NAMESPACE_TERMINATING_CAUSE, refuseImmortalDeletion } from './namespace-lifecycle.plugin';
export { LIMIT_RANGER_ANNOTATION } from './limit-ranger.defaults';
export { MUTATING, STRATEGIES, VALIDATING, PLUGIN_NAMES } from './plugins';
export { admitCustomStatus } from './custom-resource-strategy';

export { FieldSet, pathString } from './field-set';
export { builtinShape, schemaShape, type ListType, type Shape } from './shape';
export { compare, type Comparison } from './compare';
export { toFieldSet } from './to-field-set';
export { merge, removeItems } from './merge';
export { managedTime, managerId, printManager, decodeManagedFields, encodeManagedFields, type ManagedFieldsEntry, type WriteOperation } from './entries';
export { applyConfig, ApplyConflictError, conflictMessage, creationBase, recordUpdate, type Applied, type FieldConflict, type WriteScope } from './updater';
export { deepEqual } from './values';

export type { Json, StructuralSchema } from './schema';
export { applyDefaults } from './defaults';
export { prune, type Pruned } from './prune';
export { validateAgainstSchema } from './validate';

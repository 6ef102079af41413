export * from './resource';
export * from './registry';
export * from './plain-strategies';
export * from './batch-strategies';

export * from './resource';
export * from './registry';
export * from './plain-strategies';
export * from './conversions';
export * from './hpa';
export * from './batch-strategies';
export * from './statefulset-strategy';

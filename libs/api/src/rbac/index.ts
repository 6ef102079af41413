export * from './types';
export * from './authorizer';
export * from './bootstrap';
export * from './rbac-validation';

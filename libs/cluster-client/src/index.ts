export * from './api-client';
export * from './cluster-client.module';
export * from './run-component';
export * from './control-client';

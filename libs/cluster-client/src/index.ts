export * from './api-client';
export * from './cluster-client.module';
export * from './run-component';
export * from './control-client';
export * from './metrics/component-metrics';
export * from './metrics/metrics-server';
export * from './metrics/metrics.module';

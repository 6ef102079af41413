export * from './free-port';
export * from './nats-server';
export * from './decide-spec';
export * from './cluster-fixtures';
export * from './prometheus-text';

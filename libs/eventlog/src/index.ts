export * from './nats-connection';
export * from './broker-failure';
export * from './event-log';
export * from './leases';
export * from './projection';
export * from './snapshot';
export * from './snapshot-store';
export * from './start-projection';

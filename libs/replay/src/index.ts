export * from './timeline';
export * from './filters';
export * from './log-file';
export * from './history-index';
export * from './manager-writes';

export * from './columns';
export * from './event.printer';
export * from './human-duration';
export * from './node.printer';
export * from './pod-summary';
export * from './pod.printer';
export * from './table';

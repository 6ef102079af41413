export * from './types';
export * from './quantity';
export * from './time';
export * from './validation-messages';
export * from './validate';
export * from './pod.dto';
export * from './defaults';

export * from './filesystem';
export * from './process-types';
export * from './process';
export * from './process-list';
export * from './start-program';
export { CLUSTER_DNS_IP, fullyQualified } from './applets/network.applets';
export { memoryLimit } from './applets/servers.applets';
export { withEgress, publicAddress, type Egress } from './internet';

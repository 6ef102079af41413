import type { Storage } from '@kubesim/api';
import type { NatsConnection } from 'nats';
import type { Projection } from '@kubesim/eventlog';
import type { CommandBus } from '../../commands/command-bus';
import { genericHandler } from './generic.handler';
import { namespaceHandler } from './namespace.handler';
import { nodeHandler } from './node.handler';
import { podHandler } from './pod.handler';
import type { ResourceHandler } from './resource-handler';
import type { PodServiceAccounts } from '../pod-service-account';

export type { ResourceHandler, ResourceRequest } from './resource-handler';

/** The write handler of each storage strategy (events and leases are read-only). */
export function resourceHandlers(bus: CommandBus, cluster: Projection, nats: () => NatsConnection, serviceAccounts: PodServiceAccounts): Record<Storage, ResourceHandler> {
  return {
    generic: genericHandler(bus),
    pod: podHandler(bus, cluster, nats, serviceAccounts),
    node: nodeHandler(bus),
    namespace: namespaceHandler(bus, cluster),
    event: {},
    lease: {},
  };
}

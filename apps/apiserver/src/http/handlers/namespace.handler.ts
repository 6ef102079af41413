import type { CommandBus } from '../../commands/command-bus';
import { parseBody } from '../body';
import { createNamespace } from '../namespace-writes';
import type { ResourceHandler } from './resource-handler';

/** Namespaces: created with their finalizer and label. */
export function namespaceHandler(bus: CommandBus): ResourceHandler {
  return {
    create: async (r) => ({ code: 201, body: await createNamespace(bus, parseBody(r.req.body, r.req.header('content-type')), r.by) }),
  };
}

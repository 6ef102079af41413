import type { Node } from '@kubesim/api';
import type { CommandBus } from '../../commands/command-bus';
import { updateNode } from '../node-writes';
import type { ResourceHandler } from './resource-handler';
import { restWriter } from '../field-manager';

/** Nodes: kubelets register them; users change labels, annotations and spec, or delete them. */
export function nodeHandler(bus: CommandBus): ResourceHandler {
  const update: ResourceHandler['update'] = async (r, current) => ({ code: 200, body: await updateNode(bus, r.info, current as Node, r.req, restWriter(r)) });
  return {
    update,
    patch: update,
    delete: async (r, current) => {
      await bus.execute({ type: 'DeleteNode', name: current.metadata.name }, { by: r.by });
      return { code: 200, body: current };
    },
  };
}

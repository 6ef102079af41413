import type { CommandBus } from '../../commands/command-bus';
import type { Projection } from '@kubesim/eventlog';
import { refuseImmortalDeletion } from '../../admission';
import { deepEqual } from '@kubesim/api';
import { parseBody } from '../body';
import { methodNotAllowed } from '../status';
import { createNamespace } from '../namespace-writes';
import type { ResourceHandler } from './resource-handler';
import { restWriter } from '../field-manager';

/**
 * Namespaces: created with their finalizer and label; a DELETE makes one Terminating (200 with
 * the object), the namespace controller empties it and finalizes it, and then it is gone.
 */
export function namespaceHandler(bus: CommandBus, cluster: Projection): ResourceHandler {
  return {
    create: async (r) => ({ code: 201, body: await createNamespace(bus, parseBody(r.req.body, r.req.header('content-type')), restWriter(r)) }),
    // Applied: created when absent; an existing namespace has no whole-object update here, so an apply
    // that would change its labels or annotations is refused as a PUT is.
    apply: async (r, current, object, who) => {
      if (!current) return { code: 201, body: await createNamespace(bus, object, who) };
      const same = (a: unknown, b: unknown) => deepEqual(a ?? {}, b ?? {});
      if (!same(object.metadata?.labels, current.metadata.labels) || !same(object.metadata?.annotations, current.metadata.annotations)) throw methodNotAllowed('PATCH', 'namespaces');
      return { code: 200, body: current };
    },
    delete: async (r, current) => {
      const name = current.metadata.name;
      refuseImmortalDeletion(name);
      const body = r.req.body && String(r.req.body).trim() ? parseBody(r.req.body, r.req.header('content-type')) : undefined;
      const result = await bus.execute({ type: 'DeleteNamespace', name, uid: body?.preconditions?.uid }, { by: r.by });
      return { code: 200, body: result.objects[0] ?? cluster.store.get({ kind: 'Namespace', namespace: '', name }) ?? current };
    },
  };
}

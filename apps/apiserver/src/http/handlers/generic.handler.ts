import type { CommandBus } from '../../commands/command-bus';
import { parseBody } from '../body';
import { GenericResources } from '../generic-resource';
import { failure, StatusError } from '../status';
import type { ResourceHandler } from './resource-handler';
import { restWriter } from '../field-manager';

/** Kinds served from their declaration alone: whole-object writes, `/status` and `/scale`. */
export function genericHandler(bus: CommandBus): ResourceHandler {
  const generic = new GenericResources(bus);
  const ct = (r: { req: { header(n: string): string | undefined } }) => r.req.header('content-type');
  return {
    create: (r) => generic.create(r.info, r.namespace, r.req.body, ct(r), restWriter(r)),
    update: (r, current) => generic.update(r.info, current, r.req.body, ct(r), restWriter(r)),
    patch: (r, current) => generic.patch(r.info, current, r.req.body, ct(r), restWriter(r)),
    delete: (r, current) => {
      const body = r.req.body && String(r.req.body).trim() ? parseBody(r.req.body, ct(r)) : undefined;
      // DeleteOptions (body or query): `kubectl delete --cascade=orphan` sends propagationPolicy Orphan.
      const policy = body?.propagationPolicy ?? (r.req as { query?: Record<string, unknown> }).query?.propagationPolicy;
      const orphan = policy === 'Orphan' || (policy === undefined && body?.orphanDependents === true);
      return generic.delete(r.info, current, restWriter(r), body?.preconditions?.uid, orphan, policy === 'Foreground');
    },
    apply: (r, current, object, who) => (current ? generic.replace(r.info, current, object, who) : generic.createObject(r.info, r.namespace, object, who)),
    applyStatus: async (r, current, object, who) => generic.replaceStatus(r.info, current!, object, undefined, who),
    subresources: {
      status: async (r, current, method) => {
        if (method !== 'PUT' && method !== 'PATCH') throw new StatusError(failure(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));
        return generic.writeStatus(r.info, current, r.req.body, ct(r), method, restWriter(r, 'status'));
      },
      scale: (r, current, method) => generic.scale(r.info, current, r.req.body, ct(r), method, restWriter(r, 'scale')),
    },
  };
}

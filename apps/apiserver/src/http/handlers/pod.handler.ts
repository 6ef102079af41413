import type { Pod } from '@kubesim/api';
import type { NatsConnection } from 'nats';
import type { Projection } from '@kubesim/eventlog';
import type { CommandBus } from '../../commands/command-bus';
import { parseBody } from '../body';
import { patchRequest } from '../decode';
import { podExec } from '../exec/pod-exec';
import { evictPod } from '../pod-eviction';
import { servePodLog } from '../pod-log';
import type { PodServiceAccounts } from '../pod-service-account';
import { createPod, deleteOptions, updatePod } from '../pod-writes';
import { serverDryRun } from '../dry-run';
import { badRequest } from '../status';
import type { ResourceHandler, ResourceRequest } from './resource-handler';
import { restWriter } from '../field-manager';

const body = (r: ResourceRequest) => parseBody(r.req.body, r.req.header('content-type'));
const optionalBody = (r: ResourceRequest) => (r.req.body && String(r.req.body).trim() ? body(r) : undefined);
const SUCCESS_201 = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };

/** Pods: their own commands (create, bind, status reports, graceful deletion) and subresources. */
export function podHandler(bus: CommandBus, cluster: Projection, nats: () => NatsConnection, serviceAccounts: PodServiceAccounts): ResourceHandler {
  return {
    create: async (r) => {
      const b = body(r);
      if (b.kind && b.kind !== 'Pod') throw badRequest(`the API version in the data (${b.apiVersion ?? ''}) does not match the expected API version (v1)`);
      return { code: 201, body: await createPod(bus, serviceAccounts, b, r.namespace, restWriter(r)) };
    },
    update: async (r, current) => ({ code: 200, body: await updatePod(bus, current as Pod, body(r), restWriter(r)) }),
    patch: async (r, current) => ({ code: 200, body: await updatePod(bus, current as Pod, patchRequest(r.info, r.req.header('content-type'), current, r.req.body), restWriter(r)) }),
    apply: async (r, current, object, who) => (current ? { code: 200, body: await updatePod(bus, current as Pod, object, who) } : { code: 201, body: await createPod(bus, serviceAccounts, object, r.namespace, who) }),
    delete: async (r, current) => {
      const opts = deleteOptions(optionalBody(r), r.req.query as Record<string, unknown>);
      const { namespace, name } = current.metadata as { namespace: string; name: string };
      const result = await bus.execute(
        { type: 'DeletePod', namespace, name, uid: opts.preconditions?.uid, resourceVersion: opts.preconditions?.resourceVersion, gracePeriodSeconds: opts.gracePeriodSeconds },
        { by: r.by },
      );
      // Still there (graceful) → the object with its deletionTimestamp; gone → its last state.
      return { code: 200, body: result.objects[0] ?? cluster.store.get({ kind: 'Pod', namespace, name }) ?? current };
    },
    subresources: {
      eviction: async (r, current, method) => {
        if (method !== 'POST') return undefined;
        const deleteOptions = (optionalBody(r) ?? {}).deleteOptions;
        // `kubectl drain --dry-run=server` says so in the Eviction's deleteOptions, not the query:
        // the budgets are checked, nothing is written.
        await evictPod(serverDryRun('POST', deleteOptions?.dryRun) ? bus.dryRunner() : bus, current as Pod, deleteOptions, r.by);
        return { code: 201, body: SUCCESS_201 };
      },
      binding: async (r, current, method) => {
        if (method !== 'POST') return undefined;
        const b = body(r);
        const node = b.target?.name;
        if (typeof node !== 'string' || node === '') throw badRequest('Binding target.name: Required value');
        await bus.execute({ type: 'BindPod', namespace: r.namespace, name: current.metadata.name, uid: b.metadata?.uid, node }, { by: 'default-scheduler' });
        return { code: 201, body: SUCCESS_201 };
      },
      log: async (r, current, method) => {
        if (method !== 'GET') return undefined;
        const key = { kind: 'Pod' as const, namespace: r.namespace, name: current.metadata.name };
        await servePodLog(nats(), current as Pod, r.req.query as Record<string, unknown>, r.res, () => cluster.store.get(key) as Pod | undefined);
        return undefined;
      },
      exec: async (r, current, method) => {
        if (method !== 'POST' && method !== 'GET') return undefined;
        return { code: 200, body: await podExec(nats(), current as Pod, r.req.query as Record<string, unknown>, r.req.body, r.req.header('content-type')) };
      },
    },
  };
}

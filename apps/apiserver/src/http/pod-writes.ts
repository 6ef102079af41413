import { schedulingGateUpdateCauses, type KubeObject, type Pod } from '@kubesim/api';
import { admitWrite, attributesOf } from '../admission';
import type { CommandBus, Writer } from '../commands/command-bus';
import { badRequest, invalidStatus, StatusError } from './status';
import type { PodServiceAccounts } from './pod-service-account';


/**
 * A new pod, through the admission chain. The ServiceAccount plugin needs the pod's account in the
 * projection; `default` may lag a new namespace by a moment, so it is waited for first (upstream's
 * plugin retries its lookup the same way).
 */
export async function createPod(bus: CommandBus, serviceAccounts: PodServiceAccounts, body: Record<string, any>, namespace: string, by: Writer): Promise<KubeObject> {
  await serviceAccounts.waitFor(namespace, body.spec?.serviceAccountName);
  const r = await bus.execute((view) => ({ type: 'CreatePod', pod: admitWrite(attributesOf('CREATE', 'Pod', namespace, body), view) as Pod }), by);
  return r.objects[0]!;
}

/** PUT: only labels and annotations of a pod may change here (spec is immutable, status has its own subresource). */
export async function updatePod(bus: CommandBus, current: Pod, body: Record<string, any>, by: Writer): Promise<KubeObject> {
  // Images and tolerations may change (semantics: pod updates may not change fields other than …).
  const mutable = (spec: Record<string, any>) => ({
    ...spec,
    tolerations: undefined,
    schedulingGates: undefined,
    containers: spec.containers?.map((c: Record<string, unknown>) => ({ ...c, image: undefined })),
    initContainers: spec.initContainers?.map((c: Record<string, unknown>) => ({ ...c, image: undefined })),
  });
  if (body.spec) {
    const causes = schedulingGateUpdateCauses(body.spec, current.spec);
    if (causes.length) throw new StatusError(invalidStatus('Pod', current.metadata.name, causes));
  }
  if (body.spec && !isSubsetOf(JSON.parse(JSON.stringify(mutable(body.spec))), JSON.parse(JSON.stringify(mutable(current.spec))))) {
    throw new StatusError(
      invalidStatus('Pod', current.metadata.name, [
        {
          reason: 'FieldValueForbidden',
          message: 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
          field: 'spec',
        },
      ]),
    );
  }
  const r = await bus.execute(
    {
      type: 'UpdatePodMetadata',
      namespace: current.metadata.namespace,
      name: current.metadata.name,
      uid: body.metadata?.uid,
      resourceVersion: body.metadata?.resourceVersion,
      labels: body.metadata?.labels,
      annotations: body.metadata?.annotations,
      tolerations: body.spec?.tolerations,
      ...(body.spec ? { schedulingGates: Array.isArray(body.spec.schedulingGates) ? body.spec.schedulingGates : [] } : {}),
      images: Object.fromEntries([...(body.spec?.containers ?? []), ...(body.spec?.initContainers ?? [])].map((c: { name: string; image: string }) => [c.name, c.image])),
    },
    by,
  );
  return r.objects[r.objects.length - 1] ?? current;
}

/** True when every field given in `a` equals the same field of `b` (a client echoing a subset). */
function isSubsetOf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => isSubsetOf(x, b[i]));
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object') return false;
    return Object.entries(a).every(([k, v]) => isSubsetOf(v, (b as Record<string, unknown>)[k]));
  }
  return false;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export function deleteOptions(body: Record<string, any> | undefined, query: Record<string, unknown>): DeleteOptions {
  const fromQuery = query.gracePeriodSeconds !== undefined ? Number(query.gracePeriodSeconds) : undefined;
  const grace = body?.gracePeriodSeconds ?? fromQuery;
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0 || grace >= 2 ** 63)) throw badRequest(`invalid gracePeriodSeconds: ${String(grace)}`);
  return { gracePeriodSeconds: grace, preconditions: body?.preconditions };
}

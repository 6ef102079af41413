import { admitServiceAccount, serviceAccountNotFound, type Pod, type ServiceAccountLike } from '@kubesim/api';
import { failure, StatusError } from '../http/status';
import { nameOf, type MutatingPlugin } from './admission';

/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount), pods on CREATE: `serviceAccountName`
 * defaults to `default`; the account must exist (403 otherwise); its image pull secrets and the
 * projected `kube-api-access-…` volume with its mounts are added (the pure `admitServiceAccount`).
 * The entry points wait for `default` before admission (http/pod-service-account.ts).
 */
export const serviceAccount: MutatingPlugin = {
  name: 'ServiceAccount',
  admit(a, view, ctx) {
    if (a.operation !== 'CREATE' || a.kind !== 'Pod') return a.object;
    const spec = a.object.spec;
    if (!spec || typeof spec !== 'object' || !Array.isArray(spec.containers)) return a.object; // validation refuses it
    const name = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName ? spec.serviceAccountName : 'default';
    const sa = view.get({ kind: 'ServiceAccount', namespace: a.namespace, name }) as ServiceAccountLike | undefined;
    if (!sa) {
      const who = nameOf(a.object);
      throw new StatusError(failure(403, 'Forbidden', `pods "${who}" is forbidden: ${serviceAccountNotFound(a.namespace, name)}`, { name: who, kind: 'pods' }));
    }
    return admitServiceAccount({ ...a.object, metadata: { ...a.object.metadata, namespace: a.namespace }, spec } as Pod, sa, ctx.suffix());
  },
};

import type { MutatingPlugin } from './admission';

/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount) — a hook point: this sets only
 * `spec.serviceAccountName: default` on a new pod that names none. The rest of upstream's plugin
 * (the `default` account must exist, the projected `kube-api-access-…` volume and its mounts) is
 * the config/serviceaccounts work's to fill in here.
 */
export const serviceAccount: MutatingPlugin = {
  name: 'ServiceAccount',
  admit(a) {
    if (a.operation !== 'CREATE' || a.kind !== 'Pod') return a.object;
    const spec = a.object.spec ?? {};
    if (spec.serviceAccountName) return a.object;
    return { ...a.object, spec: { ...spec, serviceAccountName: 'default' } };
  },
};

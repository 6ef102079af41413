import { getNamespace, notFound, NAMESPACE } from '@kubesim/core';
import { failure, StatusError } from '../http/status';
import type { MutatingPlugin } from './admission';
import { forbidden } from './forbidden';

/** Namespaces that can never be deleted (lifecycle admission's immortalNamespaces). */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

/** `namespaces "default" is forbidden: this namespace may not be deleted` (403). */
export function refuseImmortalDeletion(name: string): void {
  if (!IMMORTAL_NAMESPACES.includes(name)) return;
  throw new StatusError(failure(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' }));
}

/**
 * NamespaceLifecycle (apiserver plugin/namespace/lifecycle): no new content in a namespace that
 * does not exist (404) or is being terminated (403 with cause NamespaceTerminating). Updates and
 * deletes stay allowed, so that finalizers can still be removed.
 */
export const namespaceLifecycle: MutatingPlugin = {
  name: 'NamespaceLifecycle',
  admit(a, view) {
    if (a.operation !== 'CREATE' || !a.namespace || a.kind === 'Namespace') return a.object;
    const ns = getNamespace(view, a.namespace);
    if (!ns) throw notFound(NAMESPACE(a.namespace));
    if (ns.status?.phase === 'Terminating') {
      throw forbidden(a, `unable to create new content in namespace ${a.namespace} because it is being terminated`, [
        { reason: NAMESPACE_TERMINATING_CAUSE, message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' },
      ]);
    }
    return a.object;
  },
};

import { isPodTerminal, resourceOfKind, rfc3339, type KubeObject, type Namespace, type NamespaceCondition, type Pod } from '@kubesim/api';

/** The finalizer the namespace controller owns (FinalizerKubernetes). */
export const KUBERNETES_FINALIZER = 'kubernetes';

/** What one pass over a terminating namespace does. */
export interface NamespacePass {
  /** Objects to DELETE now (pods gracefully; those already being deleted are left to finish). */
  deletes: KubeObject[];
  /** All five deletion conditions, in upstream's order. */
  conditions: NamespaceCondition[];
  /** Nothing left: remove `kubernetes` from spec.finalizers (the finalize call). */
  finalize: boolean;
}

const condition = (type: string, failing: boolean, ok: [string, string], bad: [string, string], now: number): NamespaceCondition => ({
  type,
  status: failing ? 'True' : 'False',
  lastTransitionTime: rfc3339(now),
  reason: failing ? bad[0] : ok[0],
  message: failing ? bad[1] : ok[1],
});

/** `pods.`, `deployments.apps`: how the controller names a group resource in its messages. */
const groupResource = (o: KubeObject) => {
  const d = resourceOfKind(o.kind);
  return `${d?.plural ?? o.kind.toLowerCase()}.${d?.group ?? ''}`;
};

function counted<T>(items: T[], key: (t: T) => string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) for (const k of key(i)) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * One pass of kube-controller-manager's namespace deleter (namespaced_resources_deleter.go) over
 * a namespace with a deletionTimestamp. `contents` is every object of the namespace except its
 * Events (which go with the finalize). Generic objects are deleted at once, pods gracefully; what
 * remains after this pass's deletes is reported in the conditions; when nothing remains the
 * namespace is finalized.
 */
export function reconcileNamespace(ns: Namespace, contents: readonly KubeObject[], now: number): NamespacePass {
  const deletes = contents.filter((o) => !(o.kind === 'Pod' && o.metadata.deletionTimestamp));
  // A graceful deletion leaves a pod that is still running; a terminal or unbound one goes at once.
  const remaining = contents.filter((o) => (o.kind === 'Pod' && Boolean((o as Pod).spec.nodeName) && !isPodTerminal(o as Pod)) || (o.metadata.finalizers?.length ?? 0) > 0);
  const byResource = counted(remaining, (o) => [groupResource(o)]);
  const byFinalizer = counted(remaining, (o) => o.metadata.finalizers ?? []);
  const conditions = [
    condition('NamespaceDeletionDiscoveryFailure', false, ['ResourcesDiscovered', 'All resources successfully discovered'], ['DiscoveryFailed', ''], now),
    condition('NamespaceDeletionGroupVersionParsingFailure', false, ['ParsedGroupVersions', 'All legacy kube types successfully parsed'], ['GroupVersionParsingFailed', ''], now),
    condition('NamespaceDeletionContentFailure', false, ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'], ['ContentDeletionFailed', ''], now),
    condition(
      'NamespaceContentRemaining',
      byResource.length > 0,
      ['ContentRemoved', 'All content successfully removed'],
      ['SomeResourcesRemain', `Some resources are remaining: ${byResource.map(([r, n]) => `${r} has ${n} resource instances`).join(', ')}`],
      now,
    ),
    condition(
      'NamespaceFinalizersRemaining',
      byFinalizer.length > 0,
      ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
      ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${byFinalizer.map(([f, n]) => `${f} in ${n} resource instances`).join(', ')}`],
      now,
    ),
  ];
  return { deletes, conditions, finalize: contents.length === 0 };
}

/** spec.finalizers without the controller's own. */
export const finalizersAfter = (ns: Namespace): string[] => (ns.spec.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER);

import { aNamespace, given, namespaceCreated, SPEC_CONTEXT } from '@kubesim/testing';
import type { ClusterEvent } from './events';

const at = '2024-05-01T10:00:00.000Z';
const deletionRequested = (name: string): ClusterEvent[] => [{ at, by: 'user:kubectl', type: 'NamespaceDeletionRequested', name, deletionTimestamp: '2024-05-01T10:00:00Z' }];
const eventIn = (namespace: string, name: string): ClusterEvent[] => [
  {
    at,
    by: 'kubelet',
    type: 'EventRecorded',
    event: { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace, uid: 'e', resourceVersion: '', creationTimestamp: at }, involvedObject: { kind: 'Pod', name: 'p', namespace }, reason: 'Pulled', message: 'm', type: 'Normal', count: 1, source: { component: 'kubelet' }, firstTimestamp: at, lastTimestamp: at } as never,
  },
];

describe('DeleteNamespace', () => {
  it('the first DELETE: Terminating, with the deletionTimestamp (the finalizer keeps it)', () => {
    given(namespaceCreated('team-a'))
      .when({ type: 'DeleteNamespace', name: 'team-a' })
      .then([{ type: 'NamespaceDeletionRequested', name: 'team-a', deletionTimestamp: '2024-05-01T10:00:00Z' }]);
  });

  it('the evolved namespace reads back Terminating with its deletionTimestamp', () => {
    const spec = given(namespaceCreated('team-a'), deletionRequested('team-a'));
    expect(spec.store.get({ kind: 'Namespace', namespace: '', name: 'team-a' })).toMatchObject({ metadata: { deletionTimestamp: '2024-05-01T10:00:00Z' }, status: { phase: 'Terminating' }, spec: { finalizers: ['kubernetes'] } });
  });

  it('a second DELETE changes nothing', () => {
    given(namespaceCreated('team-a'), deletionRequested('team-a')).when({ type: 'DeleteNamespace', name: 'team-a' }).then([]);
  });

  it('a namespace with no finalizer goes at once', () => {
    const bare = { ...aNamespace('bare'), spec: { finalizers: [] } };
    given([{ at, by: 'x', type: 'NamespaceCreated', namespace: bare }]).when({ type: 'DeleteNamespace', name: 'bare' }).then([{ type: 'NamespaceDeleted', name: 'bare' }]);
  });

  it('an unknown namespace is a 404; a stale UID a conflict', () => {
    given().when({ type: 'DeleteNamespace', name: 'nope' }).thenThrows('NotFound', 'namespaces "nope" not found');
    given(namespaceCreated('team-a')).when({ type: 'DeleteNamespace', name: 'team-a', uid: 'other' }).thenThrows('Conflict');
  });
});

describe('SetNamespaceConditions', () => {
  const remaining = { type: 'NamespaceContentRemaining', status: 'True' as const, reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 1 resource instances', lastTransitionTime: at };

  it('writes the conditions; the same ones again write nothing', () => {
    const events = given(namespaceCreated('team-a'), deletionRequested('team-a')).when({ type: 'SetNamespaceConditions', name: 'team-a', conditions: [remaining] }).then([{ type: 'NamespaceConditionsSet', conditions: [remaining] }]);
    given(namespaceCreated('team-a'), events).when({ type: 'SetNamespaceConditions', name: 'team-a', conditions: [remaining] }).then([]);
  });

  it('keeps lastTransitionTime while a condition’s status stays', () => {
    const set: ClusterEvent[] = [{ at, by: 'x', type: 'NamespaceConditionsSet', name: 'team-a', conditions: [remaining] }];
    given(namespaceCreated('team-a'), set)
      .when({ type: 'SetNamespaceConditions', name: 'team-a', conditions: [{ ...remaining, message: 'Some resources are remaining: pods. has 2 resource instances', lastTransitionTime: '2024-05-01T10:00:09Z' }] })
      .then([{ type: 'NamespaceConditionsSet', conditions: [{ lastTransitionTime: at, message: 'Some resources are remaining: pods. has 2 resource instances' }] }]);
  });
});

describe('FinalizeNamespace', () => {
  it('removing the last finalizer of a terminating namespace removes it, and the Events left in it', () => {
    given(namespaceCreated('team-a'), deletionRequested('team-a'), eventIn('team-a', 'p.1'), eventIn('default', 'q.1'))
      .when({ type: 'FinalizeNamespace', name: 'team-a', finalizers: [] })
      .then([{ type: 'NamespaceFinalized', name: 'team-a', finalizers: [] }, { type: 'EventDeleted', namespace: 'team-a', name: 'p.1' }, { type: 'NamespaceDeleted', name: 'team-a' }]);
  });

  it('an active namespace only has its finalizers replaced', () => {
    given(namespaceCreated('team-a')).when({ type: 'FinalizeNamespace', name: 'team-a', finalizers: [] }).then([{ type: 'NamespaceFinalized', finalizers: [] }]);
  });

  it('is timed by the command’s clock', () => {
    const [e] = given(namespaceCreated('team-a'), deletionRequested('team-a')).when({ type: 'FinalizeNamespace', name: 'team-a', finalizers: [] }, { now: SPEC_CONTEXT.now + 5000 }).then([{}, {}]);
    expect(e!.at).toBe('2024-05-01T10:00:05.000Z');
  });
});

import type { KubeEvent } from '@kubesim/api';
import { aNamespace, aPod, given, namespaceCreated, podCreated } from '@kubesim/testing';
import type { EventSpec } from './kube-events';
import { referenceTo } from './kube-events';

describe('CreateNamespace', () => {
  it('records the namespace', () => {
    given()
      .when({ type: 'CreateNamespace', namespace: aNamespace('staging') })
      .then([{ type: 'NamespaceCreated', namespace: { metadata: { name: 'staging' } } }]);
  });

  it('refuses a name that is taken: AlreadyExists', () => {
    given(namespaceCreated('staging'))
      .when({ type: 'CreateNamespace', namespace: aNamespace('staging') })
      .thenThrows('AlreadyExists', 'namespaces "staging" already exists');
  });
});

describe('RecordEvent', () => {
  const pulled: EventSpec = {
    involvedObject: referenceTo(aPod('x'), 'spec.containers{app}'),
    reason: 'Pulled',
    message: 'Container image "nginx" already present on machine',
    type: 'Normal',
    component: 'kubelet',
    host: 'node-1',
  };
  const record = (event: EventSpec) => ({ type: 'RecordEvent', event }) as const;
  const at = (iso: string) => ({ now: Date.parse(iso) });

  it('makes a core/v1 Event named after the object, with count 1', () => {
    const [e] = given(namespaceCreated(), podCreated(aPod('x')))
      .when(record(pulled), at('2024-05-01T10:00:00Z'))
      .then([
        {
          type: 'EventRecorded',
          event: {
            kind: 'Event',
            metadata: { namespace: 'default' },
            involvedObject: { kind: 'Pod', name: 'x', fieldPath: 'spec.containers{app}' },
            reason: 'Pulled',
            source: { component: 'kubelet', host: 'node-1' },
            count: 1,
            firstTimestamp: '2024-05-01T10:00:00Z',
            lastTimestamp: '2024-05-01T10:00:00Z',
          },
        },
      ]);
    expect((e as { event: KubeEvent }).event.metadata.name).toMatch(/^x\.[0-9a-f]{16}$/);
  });

  it('folds the same event into one object: same name and uid, count 2, firstTimestamp kept', () => {
    const spec = given(namespaceCreated(), podCreated(aPod('x')));
    const [first] = spec.when(record(pulled), at('2024-05-01T10:00:00Z')).then([{ type: 'EventRecorded' }]);
    const firstEvent = (first as { event: KubeEvent }).event;
    spec.store.apply(3, { v: 1, events: [first] });

    spec.when(record(pulled), at('2024-05-01T10:05:00Z')).then([
      {
        type: 'EventRecorded',
        event: {
          metadata: { name: firstEvent.metadata.name, uid: firstEvent.metadata.uid, creationTimestamp: '2024-05-01T10:00:00Z' },
          count: 2,
          firstTimestamp: '2024-05-01T10:00:00Z',
          lastTimestamp: '2024-05-01T10:05:00Z',
        },
      },
    ]);
  });

  it.each<[string, Partial<EventSpec>]>([
    ['another message', { message: 'Started container app' }],
    ['another reason', { reason: 'Created' }],
    ['another container', { involvedObject: referenceTo(aPod('x'), 'spec.containers{sidecar}') }],
    ['another node', { host: 'node-2' }],
  ])('keeps events apart that differ in %s', (_case, change) => {
    const spec = given(namespaceCreated());
    const [a] = spec.when(record(pulled)).then([{ type: 'EventRecorded' }]);
    const [b] = spec.when(record({ ...pulled, ...change })).then([{ type: 'EventRecorded' }]);
    expect((a as { event: KubeEvent }).event.metadata.name).not.toBe((b as { event: KubeEvent }).event.metadata.name);
  });
});

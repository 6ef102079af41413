import { ReplicaSet, Service } from '@kubesim/api';
import { defaultSpreadSelector } from './default-selector';
import { makePod } from './testing/builders';

const service = (name: string, selector: Record<string, string>, namespace = 'default') =>
  ({ kind: 'Service', metadata: { name, namespace }, spec: { selector } }) as unknown as Service;
const replicaSet = (name: string, matchLabels: Record<string, string>) =>
  ({ kind: 'ReplicaSet', metadata: { name, namespace: 'default' }, spec: { selector: { matchLabels } } }) as unknown as ReplicaSet;

describe('defaultSpreadSelector', () => {
  const owned = makePod('web-abc-x').labels({ app: 'web', 'pod-template-hash': 'abc', tier: 'front' }).build();
  owned.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u', controller: true }];

  it('is the controlling ReplicaSet’s selector merged with the selectors of the Services that select the pod', () => {
    expect(defaultSpreadSelector(owned, [service('front', { tier: 'front' }), service('other', { app: 'db' })], [replicaSet('web-abc', { app: 'web', 'pod-template-hash': 'abc' })])).toEqual({
      matchLabels: { tier: 'front', app: 'web', 'pod-template-hash': 'abc' },
    });
  });

  it('ignores Services of other namespaces and Services without a selector', () => {
    expect(defaultSpreadSelector(owned, [service('x', { tier: 'front' }, 'other'), service('y', {})], [])).toBeUndefined();
  });

  it('is undefined for a bare pod no Service selects', () => {
    expect(defaultSpreadSelector(makePod('bare').labels({ app: 'web' }).build(), [], [replicaSet('web-abc', { app: 'web' })])).toBeUndefined();
  });
});

import { CRD_CLEANUP_FINALIZER, type GenericObject } from '@kubesim/api';
import { given } from '@kubesim/testing';
import type { ClusterEvent } from './events';

const aCrd = (metadata: Record<string, unknown> = {}) =>
  ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com', uid: 'uid-crd', resourceVersion: '', creationTimestamp: '2024-01-01T00:00:00Z', ...metadata },
    spec: { group: 'stable.example.com', scope: 'Namespaced', names: { plural: 'crontabs', kind: 'CronTab' }, versions: [{ name: 'v1', served: true, storage: true }] },
    status: { conditions: [{ type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: '2024-01-01T00:00:00Z' }] },
  }) as unknown as GenericObject;
const created = (object: GenericObject): ClusterEvent[] => [{ at: '2024-05-01T09:00:00Z', by: 'spec', type: 'ObjectCreated', object }];
const DELETE = { type: 'DeleteObject', kind: 'CustomResourceDefinition', namespace: '', name: 'crontabs.stable.example.com' } as const;

describe('deleting a CustomResourceDefinition', () => {
  it('the first DELETE marks it: deletionTimestamp, the cleanup finalizer, Terminating=True InstanceDeletionPending next to its other conditions', () => {
    given(created(aCrd()))
      .when(DELETE as never)
      .then([
        {
          type: 'ObjectUpdated',
          object: {
            metadata: { deletionTimestamp: '2024-05-01T10:00:00Z', finalizers: [CRD_CLEANUP_FINALIZER] },
            status: {
              conditions: [
                { type: 'Established', status: 'True' },
                { type: 'Terminating', status: 'True', reason: 'InstanceDeletionPending', message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon', lastTransitionTime: '2024-05-01T10:00:00Z' },
              ],
            },
          },
        },
      ] as never);
  });

  it('a second DELETE while it terminates changes nothing', () => {
    given(created(aCrd({ deletionTimestamp: '2024-05-01T09:30:00Z', finalizers: [CRD_CLEANUP_FINALIZER] })))
      .when(DELETE as never)
      .then([]);
  });
});

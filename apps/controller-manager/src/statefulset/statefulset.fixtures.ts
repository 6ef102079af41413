import { statefulSetStrategy, type ControllerRevision, type PersistentVolumeClaim, type Pod, type StatefulSet } from '@kubesim/api';
import { aPodWith, T0 } from '../shared/workload.fixtures';
import { revisionStep } from './revisions';

/** The tutorial's `web` as the apiserver stores it (defaults), with `spec` overrides. */
export function aStatefulSet(spec: Record<string, any> = {}, status: Partial<StatefulSet['status']> = {}): StatefulSet {
  const o = statefulSetStrategy.prepare!({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-web', resourceVersion: '1', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      serviceName: 'nginx',
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    },
  });
  return { ...o, status: { replicas: 0, availableReplicas: 0, ...status } } as StatefulSet;
}

/** The revision recording `set`'s template, as the controller would have created it (number `n`). */
export function aRevisionOf(set: StatefulSet, n = 1): ControllerRevision {
  const step = revisionStep(set, []);
  if (step.type !== 'create') throw new Error('expected a new revision');
  return { ...step.revision, metadata: { ...step.revision.metadata, uid: `uid-rev-${n}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' }, revision: n } as ControllerRevision;
}

/** Pod `web-<ordinal>` of `set` at `revision`: Running and Ready unless told otherwise. */
export function aSetPod(set: StatefulSet, ordinal: number, revision: string, o: { phase?: Pod['status']['phase']; ready?: boolean; deleting?: boolean; readySince?: number } = {}): Pod {
  const p = aPodWith(`web-${ordinal}`, { owner: { kind: 'StatefulSet', name: set.metadata.name, uid: set.metadata.uid }, node: 'node-1', phase: o.phase ?? 'Running', ready: o.ready ?? true, deleting: o.deleting });
  p.metadata.labels = { app: 'nginx', 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': `web-${ordinal}` };
  if (o.readySince !== undefined) p.status.conditions![0].lastTransitionTime = new Date(o.readySince).toISOString();
  return p;
}

export function aClaim(name: string, o: { deleting?: boolean } = {}): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: new Date(T0).toISOString(), ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:01:00Z' } : {}) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    status: { phase: 'Bound' },
  };
}

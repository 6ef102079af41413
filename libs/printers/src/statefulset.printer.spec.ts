import type { ControllerRevision, StatefulSet } from '@kubesim/api';
import { controllerRevisionRow, statefulSetColumns, statefulSetRow } from './statefulset.printer';
import { tableHeaders } from './columns';

const now = Date.parse('2026-01-01T00:00:37Z');

describe('StatefulSet and ControllerRevision printers', () => {
  it('kubectl get sts: NAME READY AGE (+ CONTAINERS IMAGES), READY = readyReplicas/replicas', () => {
    const sts = { metadata: { name: 'web', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] } } }, status: { replicas: 2, readyReplicas: 1, availableReplicas: 1 } } as unknown as StatefulSet;
    expect(tableHeaders(statefulSetColumns, false)).toEqual(['NAME', 'READY', 'AGE']);
    expect(tableHeaders(statefulSetColumns, true)).toEqual(['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES']);
    expect(statefulSetRow(sts, now)).toEqual(['web', '1/2', '37s', 'nginx', 'registry.k8s.io/nginx-slim:0.21']);
  });

  it('kubectl get controllerrevisions: CONTROLLER is kind.group/name of the controller reference', () => {
    const r = { metadata: { name: 'web-6c5b7b6b9', creationTimestamp: '2026-01-01T00:00:00Z', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] }, revision: 2 } as unknown as ControllerRevision;
    expect(controllerRevisionRow(r, now)).toEqual(['web-6c5b7b6b9', 'statefulset.apps/web', '2', '37s']);
    expect(controllerRevisionRow({ ...r, metadata: { ...r.metadata, ownerReferences: [] } }, now)[1]).toBe('<none>');
  });
});

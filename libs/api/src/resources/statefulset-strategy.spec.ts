import { statefulSetStrategy } from './statefulset-strategy';

const web = (spec: Record<string, any> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: { serviceName: 'nginx', selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] } }, ...spec },
});
const causes = (o: Record<string, any>, old?: Record<string, any>) => statefulSetStrategy.validate!(statefulSetStrategy.prepare!(o), old && statefulSetStrategy.prepare!(old)).map((c) => `${c.field}: ${c.message}`);

describe('StatefulSet strategy', () => {
  it('SetDefaults_StatefulSet: 1 replica, OrderedReady, RollingUpdate partition 0, 10 revisions, Retain/Retain, claim templates as PVCs', () => {
    const spec = statefulSetStrategy.prepare!(web({ volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] })).spec;
    expect(spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
      template: { spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } },
    });
    expect(statefulSetStrategy.prepare!(web({ updateStrategy: { type: 'OnDelete' } })).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('ValidateStatefulSet: the selector must match the template, restartPolicy Always, known policies', () => {
    expect(causes(web())).toEqual([]);
    expect(causes(web({ selector: { matchLabels: { app: 'other' } } }))).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`']);
    expect(causes(web({ podManagementPolicy: 'Random' }))).toEqual(['spec.podManagementPolicy: Unsupported value: "Random": supported values: "OrderedReady", "Parallel"']);
    expect(causes(web({ persistentVolumeClaimRetentionPolicy: { whenScaled: 'Keep' } }))).toEqual(['spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "Keep": supported values: "Retain", "Delete"']);
    const never = web();
    never.spec.template.spec = { ...never.spec.template.spec, restartPolicy: 'Never' } as never;
    expect(causes(never)).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('ValidateStatefulSetUpdate: replicas, template and updateStrategy may change; serviceName may not', () => {
    expect(causes(web({ replicas: 5, updateStrategy: { type: 'OnDelete' } }), web())).toEqual([]);
    expect(causes(web({ serviceName: 'other' }), web())).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});

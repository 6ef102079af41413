import type { ReplicaSet } from '@kubesim/api';
import { resolveIntOrPercent, surgeAndUnavailable } from './deployment.math';
import { podTemplateHash } from '../shared/template-hash';
import { reconcileDeployment, REVISION, TEMPLATE_HASH, type DeploymentAction } from './deployment.reconcile';
import { aDeployment, ctx } from '../shared/workload.fixtures';

/** A ReplicaSet as the Deployment controller would have made it, with `available` pods. */
function rsOf(d: ReturnType<typeof aDeployment>, replicas: number, available: number, created = '2026-01-01T00:00:00Z'): ReplicaSet {
  const hash = podTemplateHash(d.spec.template);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: 'default',
      uid: `uid-rs-${hash}`,
      resourceVersion: '2',
      creationTimestamp: created,
      labels: { ...d.spec.template.metadata!.labels, [TEMPLATE_HASH]: hash },
      annotations: { [REVISION]: '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true }],
    },
    spec: { replicas, selector: d.spec.selector, template: d.spec.template },
    status: { replicas: available, readyReplicas: available, availableReplicas: available },
  };
}

const scales = (actions: DeploymentAction[]) => actions.filter((a) => a.type === 'scaleRS').map((a) => (a as { message: string }).message);

describe('Deployment controller', () => {
  it.each([
    ['25%', 3, true, 1],
    ['25%', 3, false, 0],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    [2, 10, true, 2],
  ] as const)('resolves %s of %i rounding %s to %i', (v, total, up, want) => expect(resolveIntOrPercent(v, total, up)).toBe(want));

  it('never lets maxSurge and maxUnavailable both be 0', () => {
    expect(surgeAndUnavailable(1, '25%', '25%')).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(surgeAndUnavailable(3, 0, 0)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });

  it('a new Deployment creates <name>-<pod-template-hash> with revision 1 and all replicas', () => {
    const d = aDeployment('nginx-deployment', 3);
    const [a] = reconcileDeployment(d, [], ctx);
    expect(a.type).toBe('createRS');
    const rs = (a as { rs: Record<string, any> }).rs;
    const hash = podTemplateHash(d.spec.template);
    expect(rs.metadata.name).toBe(`nginx-deployment-${hash}`);
    expect(rs.metadata.annotations[REVISION]).toBe('1');
    expect(rs.spec.replicas).toBe(3);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'nginx-deployment', [TEMPLATE_HASH]: hash });
    expect(rs.spec.template.metadata.labels[TEMPLATE_HASH]).toBe(hash);
    expect((a as { message: string }).message).toBe(`Scaled up replica set nginx-deployment-${hash} from 0 to 3`);
  });

  it('a new template makes a new ReplicaSet with the next revision, surging by one (3 replicas: at most 4 pods)', () => {
    const v1 = aDeployment('web', 3, 'nginx:1.14.2');
    const old = rsOf(v1, 3, 3);
    const v2 = { ...aDeployment('web', 3, 'nginx:1.16.1'), metadata: { ...v1.metadata, generation: 2 } };
    const [a] = reconcileDeployment(v2, [old], ctx);
    expect(a).toMatchObject({ type: 'createRS', rs: { spec: { replicas: 1 }, metadata: { annotations: { [REVISION]: '2' } } } });
  });

  it('rolls: scales the old ReplicaSet down only as new pods become available (maxUnavailable 0 at 3 replicas)', () => {
    const v1 = aDeployment('web', 3, 'nginx:1.14.2');
    const v2 = aDeployment('web', 3, 'nginx:1.16.1');
    const old = rsOf(v1, 3, 3, '2026-01-01T00:00:00Z');
    const fresh = { ...rsOf(v2, 1, 0, '2026-01-01T00:01:00Z'), metadata: { ...rsOf(v2, 1, 0).metadata, annotations: { [REVISION]: '2' }, creationTimestamp: '2026-01-01T00:01:00Z' } };
    expect(scales(reconcileDeployment(v2, [old, fresh], ctx))).toEqual([]);
    const freshReady = { ...fresh, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 } };
    expect(scales(reconcileDeployment(v2, [old, freshReady], ctx))).toEqual([`Scaled down replica set ${old.metadata.name} from 3 to 2`]);
    const oldAt2 = { ...old, spec: { ...old.spec, replicas: 2 }, status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 } };
    expect(scales(reconcileDeployment(v2, [oldAt2, freshReady], ctx))).toEqual([`Scaled up replica set ${fresh.metadata.name} from 1 to 2`]);
  });

  it('Recreate: scales every old ReplicaSet to 0 before the new one comes up', () => {
    const recreate = { type: 'Recreate' as const };
    const v1 = aDeployment('db', 2, 'redis:6', recreate);
    const v2 = aDeployment('db', 2, 'redis:7', recreate);
    const old = rsOf(v1, 2, 2);
    const [create] = reconcileDeployment(v2, [old], ctx);
    expect(create).toMatchObject({ type: 'createRS', rs: { spec: { replicas: 0 } } });
    const fresh = { ...rsOf(v2, 0, 0, '2026-01-01T00:01:00Z') };
    expect(scales(reconcileDeployment(v2, [old, fresh], ctx))).toEqual([`Scaled down replica set ${old.metadata.name} from 2 to 0`]);
    const oldGone = { ...old, spec: { ...old.spec, replicas: 0 }, status: { replicas: 0 } };
    expect(scales(reconcileDeployment(v2, [oldGone, fresh], ctx))).toEqual([`Scaled up replica set ${fresh.metadata.name} from 0 to 2`]);
  });

  it('reports Available and a complete rollout (NewReplicaSetAvailable)', () => {
    const d = aDeployment('web', 2);
    const status = reconcileDeployment(d, [rsOf(d, 2, 2)], ctx).find((a) => a.type === 'status') as { status: any };
    expect(status.status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    expect(status.status.conditions.map((c: any) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
  });

  it('marks ProgressDeadlineExceeded once a rollout makes no progress for progressDeadlineSeconds', () => {
    const d = aDeployment('stuck', 1);
    const rs = rsOf(d, 1, 0);
    const first = (reconcileDeployment(d, [rs], ctx).find((a) => a.type === 'status') as { status: any }).status;
    const later = { ...ctx, now: ctx.now + 601_000 };
    const stuck = (reconcileDeployment({ ...d, status: first }, [rs], later).find((a) => a.type === 'status') as { status: any }).status;
    expect(stuck.conditions.find((c: any) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.` });
  });

  it('pod-template-hash is stable for a template and changes with it', () => {
    expect(podTemplateHash(aDeployment('a', 1).spec.template)).toBe(podTemplateHash(aDeployment('a', 1).spec.template));
    expect(podTemplateHash(aDeployment('a', 1, 'nginx:1').spec.template)).not.toBe(podTemplateHash(aDeployment('a', 1, 'nginx:2').spec.template));
    expect(podTemplateHash(aDeployment('a', 1).spec.template)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
  });
});

describe('Deployment rollback', () => {
  it('hashes a template the same whatever the order of its keys', () => {
    const t = aDeployment('a', 1).spec.template;
    const reordered = JSON.parse(JSON.stringify({ spec: t.spec, metadata: t.metadata }));
    expect(podTemplateHash(reordered)).toBe(podTemplateHash(t));
  });

  it('reuses the old ReplicaSet of the template rolled back to, as the newest revision', () => {
    const v1 = aDeployment('web', 2, 'nginx:1');
    const v2 = aDeployment('web', 2, 'nginx:2');
    const rs1 = rsOf(v1, 0, 0, '2026-01-01T00:00:00Z');
    const rs2 = { ...rsOf(v2, 2, 2, '2026-01-01T00:01:00Z'), metadata: { ...rsOf(v2, 2, 2).metadata, annotations: { [REVISION]: '2' }, creationTimestamp: '2026-01-01T00:01:00Z' } };
    const actions = reconcileDeployment(v1, [rs1, rs2], ctx);
    expect(actions.some((a) => a.type === 'createRS')).toBe(false);
    expect(actions.find((a) => a.type === 'reviseRS')).toMatchObject({ rs: { metadata: { name: rs1.metadata.name } }, revision: 3 });
    expect(actions.find((a) => a.type === 'annotateRevision')).toEqual({ type: 'annotateRevision', revision: 3 });
  });

  it('the Deployment carries its newest ReplicaSet’s revision (kubectl rollout undo patches that annotation), written once', () => {
    const d = aDeployment('web', 2, 'nginx:2');
    const rs = { ...rsOf(d, 2, 2), metadata: { ...rsOf(d, 2, 2).metadata, annotations: { [REVISION]: '2' } } };
    expect(reconcileDeployment(d, [rs], ctx).filter((a) => a.type === 'annotateRevision')).toEqual([{ type: 'annotateRevision', revision: 2 }]);
    const annotated = { ...d, metadata: { ...d.metadata, annotations: { [REVISION]: '2' } } };
    expect(reconcileDeployment(annotated, [rs], ctx).filter((a) => a.type === 'annotateRevision')).toEqual([]);
  });
});

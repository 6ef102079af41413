import type { ControllerRevision, Pod, StatefulSet } from '@kubesim/api';
import { T0 } from '../shared/workload.fixtures';
import { aClaim, aRevisionOf, aSetPod, aStatefulSet } from './statefulset.fixtures';
import { reconcileStatefulSet, type StatefulSetAction } from './statefulset.reconcile';

const ctx = { now: T0 + 60_000, timeScale: 1 };
const of = <T extends StatefulSetAction['type']>(actions: StatefulSetAction[], type: T) => actions.filter((a) => a.type === type) as Extract<StatefulSetAction, { type: T }>[];
const created = (actions: StatefulSetAction[]) => of(actions, 'createPod').map((a) => a.pod.metadata.name);
const deleted = (actions: StatefulSetAction[]) => of(actions, 'deletePod').map((a) => a.pod.metadata.name);
const statusOf = (actions: StatefulSetAction[]) => of(actions, 'status')[0]?.status;

/** A set with its template recorded as revision 1, and a sync of it. */
function given(spec: Record<string, any> = {}, status: Partial<StatefulSet['status']> = {}) {
  const set = aStatefulSet(spec, status);
  const rev = aRevisionOf(set);
  return { set, rev, sync: (pods: Pod[], o: { claims?: ReturnType<typeof aClaim>[]; revisions?: ControllerRevision[]; now?: number } = {}) => reconcileStatefulSet(set, pods, o.claims ?? [], o.revisions ?? [rev], { ...ctx, now: o.now ?? ctx.now }) };
}

describe('StatefulSet controller', () => {
  describe('revisions', () => {
    it('given a new set: records its template first, as ControllerRevision web-<hash> number 1 owned by the set', () => {
      const set = aStatefulSet();
      const { actions } = reconcileStatefulSet(set, [], [], [], ctx);
      expect(actions).toHaveLength(1);
      const [a] = of(actions, 'createRevision');
      expect(a.revision).toMatchObject({ apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, metadata: { namespace: 'default', ownerReferences: [{ kind: 'StatefulSet', name: 'web', uid: 'uid-web', controller: true }] } });
      expect(a.revision.metadata.name).toMatch(/^web-\w{10}$/);
      expect(a.revision.data.spec.template).toMatchObject({ $patch: 'replace', metadata: { labels: { app: 'nginx' } } });
    });

    it('given a changed template: a new revision numbered after the newest; back to an old template: that revision is renumbered, not duplicated', () => {
      const { set, rev } = given();
      const changed = aStatefulSet({ template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }] } } });
      const next = reconcileStatefulSet(changed, [], [], [rev], ctx);
      expect(of(next.actions, 'createRevision')[0].revision).toMatchObject({ revision: 2 });
      const rev2 = { ...aRevisionOf(changed, 2) };
      const back = reconcileStatefulSet(set, [], [], [rev, rev2], ctx);
      expect(of(back.actions, 'renumberRevision')).toEqual([{ type: 'renumberRevision', revision: rev, number: 3 }]);
    });
  });

  describe('given OrderedReady (the default) and 2 replicas', () => {
    it('when no pod exists: creates web-0 only, its claim www-web-0 first, with its identity', () => {
      const { sync, rev } = given();
      const { actions } = sync([]);
      expect(created(actions)).toEqual(['web-0']);
      const [{ pod, claims }] = of(actions, 'createPod');
      expect(claims.map((c) => c.metadata.name)).toEqual(['www-web-0']);
      expect(claims[0].metadata.labels).toEqual({ app: 'nginx' });
      expect(claims[0].metadata.ownerReferences).toBeUndefined();
      expect(pod.metadata.labels).toEqual({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': rev.metadata.name });
      expect(pod.metadata.ownerReferences).toMatchObject([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', controller: true, blockOwnerDeletion: true }]);
      expect(pod.spec).toMatchObject({ hostname: 'web-0', subdomain: 'nginx', volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }] });
    });

    it('when web-0 is not Running and Ready yet: web-1 waits', () => {
      const { set, sync, rev } = given();
      const { actions } = sync([aSetPod(set, 0, rev.metadata.name, { phase: 'Pending', ready: false })]);
      expect(created(actions)).toEqual([]);
      expect(statusOf(actions)).toMatchObject({ replicas: 1, availableReplicas: 0, updateRevision: rev.metadata.name });
    });

    it('when web-0 is Running and Ready: creates web-1; its existing claim is reused, not created again', () => {
      const { set, sync, rev } = given();
      const { actions } = sync([aSetPod(set, 0, rev.metadata.name)], { claims: [aClaim('www-web-0'), aClaim('www-web-1')] });
      expect(created(actions)).toEqual(['web-1']);
      expect(of(actions, 'createPod')[0].claims).toEqual([]);
    });

    it('with minReadySeconds 10: web-1 waits until web-0 has been ready 10 s, and the sync comes back then', () => {
      const { set, sync, rev } = given({ minReadySeconds: 10 });
      const early = sync([aSetPod(set, 0, rev.metadata.name, { readySince: ctx.now - 4_000 })]);
      expect(created(early.actions)).toEqual([]);
      expect(early.requeueAfterMs).toBe(6_000);
      expect(created(sync([aSetPod(set, 0, rev.metadata.name, { readySince: ctx.now - 10_000 })]).actions)).toEqual(['web-1']);
    });

    it('when web-0 failed: Warning RecreatingFailedPod and it is deleted, to be re-created with the same name', () => {
      const { set, sync, rev } = given();
      const { actions } = sync([aSetPod(set, 0, rev.metadata.name, { phase: 'Failed', ready: false })]);
      const [d] = of(actions, 'deletePod');
      expect(d.pod.metadata.name).toBe('web-0');
      expect(d.event).toEqual({ type: 'Warning', reason: 'RecreatingFailedPod', message: 'StatefulSet default/web is recreating failed Pod web-0' });
      expect(created(actions)).toEqual([]);
    });

    it('when web-0 is Terminating on a lost node: nothing is created in its name or after it (one identity, one pod)', () => {
      const { set, sync, rev } = given({ replicas: 3 });
      const lost = aSetPod(set, 0, rev.metadata.name, { phase: 'Running', ready: false, deleting: true });
      const { actions } = sync([lost, aSetPod(set, 1, rev.metadata.name)]);
      expect(created(actions)).toEqual([]);
      expect(deleted(actions)).toEqual([]);
    });

    it("when web-0's claim is being deleted: the pod is not created, FailedCreate says why", () => {
      const { sync } = given();
      const { actions } = sync([], { claims: [aClaim('www-web-0', { deleting: true })] });
      expect(created(actions)).toEqual([]);
      expect(of(actions, 'event')).toEqual([{ type: 'event', eventType: 'Warning', reason: 'FailedCreate', message: 'create Pod web-0 in StatefulSet web failed error: pvc www-web-0 is being deleted' }]);
    });

    it('when scaled from 3 to 1: deletes web-2 first, and web-1 only once web-2 is gone', () => {
      const { set, sync, rev } = given({ replicas: 1 });
      const r = rev.metadata.name;
      expect(deleted(sync([aSetPod(set, 0, r), aSetPod(set, 1, r), aSetPod(set, 2, r)]).actions)).toEqual(['web-2']);
      expect(deleted(sync([aSetPod(set, 0, r), aSetPod(set, 1, r), aSetPod(set, 2, r, { deleting: true })]).actions)).toEqual([]);
      expect(deleted(sync([aSetPod(set, 0, r), aSetPod(set, 1, r)]).actions)).toEqual(['web-1']);
    });

    it('when a remaining pod is unhealthy: scale-down waits', () => {
      const { set, sync, rev } = given({ replicas: 1 });
      const r = rev.metadata.name;
      expect(deleted(sync([aSetPod(set, 0, r, { ready: false }), aSetPod(set, 1, r)]).actions)).toEqual([]);
    });
  });

  it('given pods left by `kubectl delete sts web --cascade=orphan`: the new set adopts them before anything else', () => {
    const { set, sync, rev } = given();
    const orphan = aSetPod(set, 0, rev.metadata.name);
    orphan.metadata.ownerReferences = [];
    const other = aSetPod(set, 1, rev.metadata.name);
    other.metadata.ownerReferences = [];
    other.metadata.labels = { app: 'other' };
    expect(sync([orphan, other]).actions).toEqual([{ type: 'adoptPod', pod: orphan }]);
    const orphanRevision = { ...rev, metadata: { ...rev.metadata, ownerReferences: undefined } };
    expect(sync([orphan], { revisions: [orphanRevision] }).actions).toEqual([{ type: 'adoptRevision', revision: orphanRevision }]);
  });

  it('given Parallel: creates every missing pod at once and deletes every surplus one at once', () => {
    const { set, sync } = given({ podManagementPolicy: 'Parallel', replicas: 3 });
    expect(created(sync([]).actions)).toEqual(['web-0', 'web-1', 'web-2']);
    const down = given({ podManagementPolicy: 'Parallel', replicas: 1 });
    const r = down.rev.metadata.name;
    expect(deleted(down.sync([aSetPod(set, 0, r), aSetPod(set, 1, r, { ready: false }), aSetPod(set, 2, r)]).actions)).toEqual(['web-2', 'web-1']);
  });

  describe('given a new template (revision 2) and three pods at revision 1', () => {
    const old = aStatefulSet({ replicas: 3 });
    const rev1 = aRevisionOf(old, 1);
    const image = (spec: Record<string, any> = {}) => aStatefulSet({ replicas: 3, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }] } }, ...spec }, { currentRevision: rev1.metadata.name });
    const rev2 = aRevisionOf(image(), 2);
    const r1 = rev1.metadata.name;
    const r2 = rev2.metadata.name;
    const sync = (set: StatefulSet, pods: Pod[]) => reconcileStatefulSet(set, pods, [], [rev1, rev2], ctx);

    it('RollingUpdate: replaces the highest ordinal first, one at a time, each after the previous is Running and Ready', () => {
      const set = image();
      expect(deleted(sync(set, [aSetPod(set, 0, r1), aSetPod(set, 1, r1), aSetPod(set, 2, r1)]).actions)).toEqual(['web-2']);
      expect(deleted(sync(set, [aSetPod(set, 0, r1), aSetPod(set, 1, r1), aSetPod(set, 2, r2, { phase: 'Pending', ready: false })]).actions)).toEqual([]);
      expect(deleted(sync(set, [aSetPod(set, 0, r1), aSetPod(set, 1, r1), aSetPod(set, 2, r2)]).actions)).toEqual(['web-1']);
    });

    it('a re-created pod gets the new revision; with partition 2 one below the partition keeps the old template', () => {
      const set = image({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
      const { actions } = sync(set, [aSetPod(set, 0, r1), aSetPod(set, 2, r2)]);
      const [{ pod }] = of(actions, 'createPod');
      expect((pod.metadata.labels as Record<string, string>)['controller-revision-hash']).toBe(r1);
      expect(pod.spec.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.21');
      expect(deleted(sync(set, [aSetPod(set, 0, r1), aSetPod(set, 1, r1), aSetPod(set, 2, r2)]).actions)).toEqual([]);
      expect(statusOf(sync(set, [aSetPod(set, 0, r1), aSetPod(set, 1, r1), aSetPod(set, 2, r2)]).actions)).toMatchObject({ currentReplicas: 2, updatedReplicas: 1, currentRevision: r1, updateRevision: r2 });
    });

    it('maxUnavailable 2: two pods replaced at once, highest first', () => {
      const set = image({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } } });
      expect(deleted(sync(set, [aSetPod(set, 0, r1), aSetPod(set, 1, r1), aSetPod(set, 2, r1)]).actions)).toEqual(['web-2', 'web-1']);
    });

    it('OnDelete: no pod is replaced by the controller', () => {
      const set = image({ updateStrategy: { type: 'OnDelete' } });
      expect(deleted(sync(set, [aSetPod(set, 0, r1), aSetPod(set, 1, r1), aSetPod(set, 2, r1)]).actions)).toEqual([]);
    });

    it('once every pod is updated and ready: the update revision becomes the current one', () => {
      const set = image();
      expect(statusOf(sync(set, [aSetPod(set, 0, r2), aSetPod(set, 1, r2), aSetPod(set, 2, r2)]).actions)).toEqual({
        observedGeneration: 1,
        replicas: 3,
        readyReplicas: 3,
        currentReplicas: 3,
        updatedReplicas: 3,
        currentRevision: r2,
        updateRevision: r2,
        collisionCount: 0,
        availableReplicas: 3,
      });
    });
  });

  describe('persistentVolumeClaimRetentionPolicy', () => {
    it('whenDeleted Delete: the claim is owned by the set (the garbage collector removes it with the set)', () => {
      const { sync } = given({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } });
      expect(of(sync([]).actions, 'createPod')[0].claims[0].metadata.ownerReferences).toMatchObject([{ kind: 'StatefulSet', name: 'web', uid: 'uid-web' }]);
    });

    it('whenScaled Delete: the claim of an ordinal scaled away is deleted once its pod is gone; Retain keeps it', () => {
      const del = given({ replicas: 1, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } });
      const r = del.rev.metadata.name;
      const claims = [aClaim('www-web-0'), aClaim('www-web-1')];
      expect(of(del.sync([aSetPod(del.set, 0, r), aSetPod(del.set, 1, r, { deleting: true })], { claims }).actions, 'deleteClaim')).toEqual([]);
      expect(of(del.sync([aSetPod(del.set, 0, r)], { claims }).actions, 'deleteClaim').map((a) => a.claim.metadata.name)).toEqual(['www-web-1']);
      const keep = given({ replicas: 1 });
      expect(of(keep.sync([aSetPod(keep.set, 0, keep.rev.metadata.name)], { claims }).actions, 'deleteClaim')).toEqual([]);
    });
  });
});

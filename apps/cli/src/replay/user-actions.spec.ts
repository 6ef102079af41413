import { TIME_SCALE_ANNOTATION, type GenericObject, type NodeCondition, type Pod } from '@kubesim/api';
import { SCHEMA_VERSION, type ClusterEvent } from '@kubesim/core';
import { aNode, aPod } from '@kubesim/testing';
import { extractUserActions } from './user-actions';

const T0 = Date.parse('2024-05-01T09:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
type Unmeta<T> = T extends unknown ? Omit<T, 'at' | 'by'> : never;
/** A log: each entry is one record, `[second, by, event]`. */
function log(...entries: [number, string, Unmeta<ClusterEvent>][]) {
  return entries.map(([s, by, e], i) => ({ seq: i + 1, time: T0 + s * 1000, record: { v: SCHEMA_VERSION, events: [{ ...e, at: at(s), by } as ClusterEvent] } }));
}
const owned = (name: string, rs: string, createdAt: number): Pod => {
  const p = aPod(name);
  return { ...p, metadata: { ...p.metadata, creationTimestamp: at(createdAt), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: 'uid-rs', controller: true }] } };
};
const deployment = (replicas: number, image = 'nginx:1.25'): GenericObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-web', resourceVersion: '7', creationTimestamp: at(12) },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } } },
    status: { replicas: 0 },
  }) as unknown as GenericObject;

const boot = log([0, 'kubelet/node-1', { type: 'NodeRegistered', node: aNode('node-1') }], [2, 'kubelet/node-2', { type: 'NodeRegistered', node: aNode('node-2') }]);
const withBoot = (...rest: ReturnType<typeof log>) => [...boot, ...rest.map((r, i) => ({ ...r, seq: boot.length + i + 1 }))];

describe('extractUserActions', () => {
  it('keeps what users did, timed from when the last initial node registered, and leaves out what components did', () => {
    const x = extractUserActions(
      withBoot(
        ...log(
          [10, 'user:kubectl', { type: 'PodCreated', pod: aPod('web') }],
          [11, 'default-scheduler', { type: 'PodBound', namespace: 'default', name: 'web', node: 'node-1' }],
          [12, 'user:kubesim', { type: 'ObjectCreated', object: deployment(3) }],
          [13, 'replicaset-controller', { type: 'PodCreated', pod: owned('web-abc-1', 'web-abc', 13) }],
        ),
      ),
    );
    expect(x.actions.map((a) => [a.at, a.type, a.by])).toEqual([
      [8000, 'create', 'user:kubectl'],
      [10000, 'create', 'user:kubesim'],
    ]);
    expect(x.origin).toBe(T0 + 2000);
  });

  it('creates objects as a user would send them again: no uid, resourceVersion, creation time or status', () => {
    const [pod, deploy] = extractUserActions(log([0, 'user:kubectl', { type: 'PodCreated', pod: aPod('web') }], [1, 'user:kubectl', { type: 'ObjectCreated', object: deployment(3) }])).actions;
    expect(pod).toMatchObject({ type: 'create', object: { kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } });
    for (const a of [pod, deploy]) {
      if (a.type !== 'create') throw new Error('expected a create');
      expect(a.object.metadata).not.toHaveProperty('uid');
      expect(a.object.metadata).not.toHaveProperty('resourceVersion');
      expect(a.object.metadata).not.toHaveProperty('creationTimestamp');
      expect(a.object).not.toHaveProperty('status');
    }
  });

  it('tells a scale from an update of a Deployment', () => {
    const x = extractUserActions(
      log(
        [0, 'user:kubectl', { type: 'ObjectCreated', object: deployment(3) }],
        [5, 'user:kubectl', { type: 'ObjectUpdated', object: deployment(5) }],
        [9, 'user:kubectl', { type: 'ObjectUpdated', object: deployment(5, 'nginx:1.26') }],
      ),
    );
    expect(x.actions[1]).toMatchObject({ at: 5000, type: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 5 });
    expect(x.actions[2]).toMatchObject({ at: 9000, type: 'update', object: { spec: { template: { spec: { containers: [{ image: 'nginx:1.26' }] } } } } });
  });

  it("a StatefulSet's scale is a scale; its pod is deleted by its stable name", () => {
    const web = (replicas: number) => ({ ...deployment(replicas), kind: 'StatefulSet', spec: { ...(deployment(replicas) as any).spec, serviceName: 'nginx' } }) as unknown as GenericObject;
    const p = aPod('web-0');
    const pod: Pod = { ...p, metadata: { ...p.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'uid-web', controller: true }] } };
    const x = extractUserActions(
      log(
        [0, 'user:kubectl', { type: 'ObjectCreated', object: web(2) }],
        [1, 'statefulset-controller', { type: 'PodCreated', pod }],
        [5, 'user:kubectl', { type: 'ObjectUpdated', object: web(5) }],
        [7, 'user:kubectl', { type: 'PodDeletionRequested', namespace: 'default', name: 'web-0', gracePeriodSeconds: 30 } as Unmeta<ClusterEvent>],
      ),
    );
    expect(x.actions[1]).toMatchObject({ type: 'scale', kind: 'StatefulSet', name: 'web', replicas: 5 });
    expect(x.actions[2]).toMatchObject({ type: 'delete', kind: 'Pod', name: 'web-0' });
    expect(x.actions[2]).not.toHaveProperty('ownedPod');
  });

  it('names a deleted controller pod by its owner and place among the owner’s pods, not by its random name', () => {
    const x = extractUserActions(
      log(
        [0, 'replicaset-controller', { type: 'PodCreated', pod: owned('web-abc-zz', 'web-abc', 0) }],
        [1, 'replicaset-controller', { type: 'PodCreated', pod: owned('web-abc-aa', 'web-abc', 1) }],
        [5, 'user:kubectl', { type: 'PodDeletionRequested', namespace: 'default', name: 'web-abc-aa', deletionTimestamp: at(35), gracePeriodSeconds: 30 }],
        [6, 'user:kubectl', { type: 'PodDeletionRequested', namespace: 'default', name: 'solo', deletionTimestamp: at(36), gracePeriodSeconds: 30 }],
      ),
    );
    expect(x.actions[0]).toMatchObject({ type: 'delete', kind: 'Pod', name: 'web-abc-aa', gracePeriodSeconds: 30, ownedPod: { namespace: 'default', owner: 'ReplicaSet/web-abc', ordinal: 1 } });
    expect(x.actions[1]).toMatchObject({ type: 'delete', kind: 'Pod', name: 'solo' });
    expect(x.actions[1]).not.toHaveProperty('ownedPod');
  });

  it('a force deletion is a delete with grace period 0, one of a pod not placed yet has no grace; the kubelet’s final PodDeleted is not a user’s', () => {
    const x = extractUserActions(
      log(
        [0, 'user:kubectl', { type: 'PodCreated', pod: aPod('a') }],
        [0, 'default-scheduler', { type: 'PodBound', namespace: 'default', name: 'a', node: 'node-1' }],
        [1, 'user:kubectl', { type: 'PodDeleted', namespace: 'default', name: 'a', phase: 'Pending' }],
        [1, 'user:kubectl', { type: 'PodCreated', pod: aPod('unplaced') }],
        [1, 'user:kubectl', { type: 'PodDeleted', namespace: 'default', name: 'unplaced', phase: 'Pending' }],
        [2, 'user:kubectl', { type: 'PodCreated', pod: aPod('b') }],
        [3, 'user:kubectl', { type: 'PodDeletionRequested', namespace: 'default', name: 'b', deletionTimestamp: at(33), gracePeriodSeconds: 30 }],
        [4, 'kubelet/node-1', { type: 'PodDeleted', namespace: 'default', name: 'b', phase: 'Running' }],
      ),
    );
    expect(x.actions.map((a) => (a.type === 'delete' ? `${a.name}:${a.gracePeriodSeconds}` : a.type))).toEqual(['create', 'a:0', 'create', 'unplaced:undefined', 'create', 'b:30']);
  });

  it('cordon, uncordon, and a drain as one action (its cordon and evictions are part of it)', () => {
    const cordoned = { unschedulable: true };
    const x = extractUserActions(
      log(
        [0, 'kubelet/node-1', { type: 'NodeRegistered', node: aNode('node-1') }],
        [1, 'user:kubectl', { type: 'NodeSpecChanged', name: 'node-1', spec: cordoned }],
        [2, 'user:kubectl', { type: 'NodeSpecChanged', name: 'node-1', spec: {} }],
        [3, 'replicaset-controller', { type: 'PodCreated', pod: owned('web-abc-zz', 'web-abc', 3) }],
        [4, 'user:kubesim', { type: 'NodeSpecChanged', name: 'node-1', spec: cordoned, cause: 'kubesim drain node-1' }],
        [4, 'user:kubesim', { type: 'PodDeletionRequested', namespace: 'default', name: 'web-abc-zz', deletionTimestamp: at(34), gracePeriodSeconds: 30, cause: 'kubesim drain node-1' }],
      ),
    );
    expect(x.actions.map((a) => [a.at, a.type, 'node' in a ? a.node : undefined])).toEqual([
      [1000, 'cordon', 'node-1'],
      [2000, 'uncordon', 'node-1'],
      [4000, 'drain', 'node-1'],
    ]);
    expect(x.actions[2]).toMatchObject({ force: false });
  });

  it('a kubesim drain evicts through the Eviction API: those evictions are the drain, an eviction elsewhere stays a deletion', () => {
    const evicted = (name: string) => ({ type: 'PodDeletionRequested', namespace: 'default', name, deletionTimestamp: at(35), gracePeriodSeconds: 30, cause: 'evicted through the Eviction API' }) as const;
    const x = extractUserActions(
      log(
        [0, 'kubelet/node-1', { type: 'NodeRegistered', node: aNode('node-1') }],
        [1, 'replicaset-controller', { type: 'PodCreated', pod: owned('web-abc-aa', 'web-abc', 1) }],
        [1, 'replicaset-controller', { type: 'PodCreated', pod: owned('web-abc-bb', 'web-abc', 1) }],
        [2, 'default-scheduler', { type: 'PodBound', namespace: 'default', name: 'web-abc-aa', node: 'node-1' }],
        [2, 'default-scheduler', { type: 'PodBound', namespace: 'default', name: 'web-abc-bb', node: 'node-2' }],
        [4, 'user:kubesim', { type: 'NodeSpecChanged', name: 'node-1', spec: { unschedulable: true }, cause: 'kubesim drain node-1' }],
        [5, 'user:kubesim', evicted('web-abc-aa')],
        [6, 'user:kubectl', evicted('web-abc-bb')],
      ),
    );
    expect(x.actions.map((a) => a.type)).toEqual(['drain', 'delete']);
    expect(x.actions[1]).toMatchObject({ name: 'web-abc-bb' });
  });

  it('a drain that deleted a pod of its own was forced', () => {
    const x = extractUserActions(
      log(
        [0, 'user:kubectl', { type: 'PodCreated', pod: aPod('solo') }],
        [1, 'user:kubesim', { type: 'PodDeletionRequested', namespace: 'default', name: 'solo', deletionTimestamp: at(31), gracePeriodSeconds: 30, cause: 'kubesim drain node-1' }],
      ),
    );
    expect(x.actions[1]).toMatchObject({ type: 'drain', node: 'node-1', force: true });
  });

  it('labels become a merge patch that also removes the keys that went', () => {
    const labelled = aPod('web');
    labelled.metadata.labels = { app: 'web', tier: 'front' };
    const x = extractUserActions(log([0, 'user:kubectl', { type: 'PodCreated', pod: labelled }], [1, 'user:kubectl', { type: 'PodMetadataUpdated', namespace: 'default', name: 'web', labels: { app: 'web', env: 'prod' } }]));
    expect(x.actions[1]).toMatchObject({ type: 'patch', kind: 'Pod', name: 'web', patch: { metadata: { labels: { app: 'web', env: 'prod', tier: null } } } });
  });

  it('node process actions, the cluster’s size and capacity and its time scale', () => {
    const x = extractUserActions(
      withBoot(
        ...log(
          [20, 'user:kubesim', { type: 'NodeProcessAction', name: 'node-2', action: 'kill', timeScale: 0.1, cause: 'kubesim node kill node-2' }],
          [25, 'user:kubesim', { type: 'NodeProcessAction', name: 'node-3', action: 'add', node: { cpu: '2' }, timeScale: 0.1 }],
          [26, 'kubelet/node-3', { type: 'NodeRegistered', node: aNode('node-3') }],
        ),
      ),
    );
    expect(x.actions).toEqual([
      { at: 18000, by: 'user:kubesim', type: 'node', action: 'kill', name: 'node-2' },
      { at: 23000, by: 'user:kubesim', type: 'node', action: 'add', name: 'node-3', options: { cpu: '2' } },
    ]);
    expect(x.cluster).toEqual({ nodes: 2, cpu: '4', memory: '8Gi', pods: 110, timeScale: 0.1 });
  });

  it('an added node whose kubelet registered before the add was recorded is not one of the initial nodes', () => {
    const x = extractUserActions(
      withBoot(
        ...log(
          [25, 'kubelet/node-3', { type: 'NodeRegistered', node: aNode('node-3') }],
          [25, 'user:kubesim', { type: 'NodeProcessAction', name: 'node-3', action: 'add', node: { cpu: '2' }, timeScale: 0.1 }],
        ),
      ),
    );
    expect(x.cluster.nodes).toBe(2);
    expect(x.actions).toMatchObject([{ type: 'node', action: 'add', name: 'node-3' }]);
  });

  describe('a kubelet stopped or restarted outside kubesim (no action in the log, only its lease expiring)', () => {
    const ready = (status: 'True' | 'Unknown') => ({ type: 'Ready', status, reason: status === 'True' ? 'KubeletReady' : 'NodeStatusUnknown', message: '', lastHeartbeatTime: at(0), lastTransitionTime: at(0) }) as never;
    const expired = (s: number, ago: number) => log([s, 'node-lifecycle-controller', { type: 'NodeConditionChanged', name: 'node-2', condition: ready('Unknown'), cause: `node-2 lease expired (last renewed ${ago}s ago)` }])[0];
    const readyAgain = (s: number) => log([s, 'kubelet/node-2', { type: 'NodeConditionChanged', name: 'node-2', condition: ready('True') }])[0];
    const create = (s: number) => log([s, 'user:kubectl', { type: 'PodCreated', pod: aPod('web') }])[0];
    const recorded = (s: number, action: 'kill' | 'start') => log([s, 'user:kubesim', { type: 'NodeProcessAction', name: 'node-2', action, timeScale: 1 }])[0];

    it('is replayed as a kill when it last renewed its lease, and a start when it was Ready again, in time order', () => {
      const x = extractUserActions(withBoot(create(40), create(80), expired(100, 41), readyAgain(150)));
      expect(x.actions.map((a) => [a.at, a.type === 'node' ? `${a.action} ${a.name}` : a.type, a.by])).toEqual([
        [38_000, 'create', 'user:kubectl'],
        [57_000, 'kill node-2', 'unrecorded: its lease expired'],
        [78_000, 'create', 'user:kubectl'],
        [148_000, 'start node-2', 'unrecorded: Ready again'],
      ]);
    });

    it('a lease that expired after a recorded kill adds nothing; a restart no one recorded still does', () => {
      const x = extractUserActions(withBoot(recorded(10, 'kill'), expired(60, 50), readyAgain(90)));
      expect(x.actions.map((a) => [a.at, a.type === 'node' ? `${a.action} ${a.name}` : a.type, a.by])).toEqual([
        [8_000, 'kill node-2', 'user:kubesim'],
        [88_000, 'start node-2', 'unrecorded: Ready again'],
      ]);
      const y = extractUserActions(withBoot(recorded(10, 'kill'), expired(60, 50), recorded(80, 'start'), readyAgain(90)));
      expect(y.actions.map((a) => (a.type === 'node' ? `${a.action} by ${a.by}` : a.type))).toEqual(['kill by user:kubesim', 'start by user:kubesim']);
    });

    it('a write to the node between a recorded kill and its lease expiring (still Ready: nothing has noticed yet) is not a restart', () => {
      const heartbeat = (s: number) => log([s, 'kubelet/node-2', { type: 'NodeConditionChanged', name: 'node-2', condition: { ...(ready('True') as NodeCondition), message: 'heartbeat' } }])[0];
      const pressure = (s: number) => log([s, 'kubelet/node-2', { type: 'NodeConditionChanged', name: 'node-2', condition: { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: '', lastHeartbeatTime: at(0), lastTransitionTime: at(0) } }])[0];
      const x = extractUserActions(withBoot(recorded(10, 'kill'), heartbeat(11), pressure(12), expired(60, 50)));
      expect(x.actions.map((a) => (a.type === 'node' ? `${a.action} ${a.name} by ${a.by}` : a.type))).toEqual(['kill node-2 by user:kubesim']);
    });
  });

  it('a log without node actions nor annotated nodes does not know its time scale', () => {
    expect(extractUserActions(boot).cluster.timeScale).toBeUndefined();
  });

  it('reads the time scale the kubelets wrote on their Nodes; a node action says it too', () => {
    const annotated = (name: string, scale: string) => {
      const n = aNode(name);
      return { ...n, metadata: { ...n.metadata, annotations: { ...n.metadata.annotations, [TIME_SCALE_ANNOTATION]: scale } } };
    };
    const nodes = log([0, 'kubelet/node-1', { type: 'NodeRegistered', node: annotated('node-1', '0.25') }], [1, 'kubelet/node-2', { type: 'NodeRegistered', node: annotated('node-2', '0.25') }]);
    expect(extractUserActions(nodes).cluster.timeScale).toBe(0.25);
    expect(extractUserActions(log([0, 'kubelet/node-1', { type: 'NodeRegistered', node: annotated('node-1', 'fast') }])).cluster.timeScale).toBeUndefined();
    const killed = [...nodes, ...log([5, 'user:kubesim', { type: 'NodeProcessAction', name: 'node-2', action: 'kill', timeScale: 0.5 }]).map((r) => ({ ...r, seq: 3 }))];
    expect(extractUserActions(killed).cluster.timeScale).toBe(0.5);
  });
});

import type { KubeObject, Pod } from '@kubesim/api';
import { Store } from '@kubesim/core';
import { aNode, aPod, nodeCondition } from '@kubesim/testing';
import { clusterView, nodeView, podView, workloadView } from './cluster-view';

const term = (exitCode: number, reason: string) => ({ terminated: { exitCode, reason, startedAt: '', finishedAt: '2024-05-01T09:00:02Z' } });
const cs = (name: string, state: object, ready = false, restartCount = 0) => ({ name, image: 'busybox', imageID: '', ready, restartCount, state, lastState: {} });

function withStatus(p: Pod, status: Partial<Pod['status']>, nodeName?: string): Pod {
  return { ...p, spec: { ...p.spec, ...(nodeName ? { nodeName } : {}) }, status: { ...p.status, ...status } as Pod['status'] };
}

const store = (...objects: KubeObject[]) => {
  const s = new Store();
  for (const o of objects) s.set(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
  return s;
};

describe('the dashboard’s view of a pod', () => {
  const twoInits = aPod('web-abc', {
    initContainers: [
      { name: 'a', image: 'busybox' },
      { name: 'b', image: 'busybox' },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
  });

  it('shows the sandbox IP, init containers in order with their progress, and kubectl’s STATUS', () => {
    const p = withStatus(twoInits, { phase: 'Pending', podIP: '10.244.1.7', initContainerStatuses: [cs('a', term(0, 'Completed')), cs('b', { running: {} })] as never, containerStatuses: [cs('app', { waiting: { reason: 'PodInitializing' } })] as never }, 'node-1');
    const v = podView(p, store());
    expect(v.status).toBe('Init:1/2');
    expect(v.sandbox).toBe('ready');
    expect(v.podIP).toBe('10.244.1.7');
    expect(v.init.map((c) => [c.name, c.role, c.state, c.reason])).toEqual([
      ['a', 'init', 'terminated', 'Completed'],
      ['b', 'init', 'running', 'Running'],
    ]);
    expect(v.containers.map((c) => [c.name, c.role, c.reason])).toEqual([['app', 'app', 'PodInitializing']]);
    expect(v.volumes).toEqual(['data']);
    expect(v.look).toBe('creating');
  });

  it('is drawn Pending with the scheduler’s message while no node holds it', () => {
    const msg = '0/3 nodes are available: 3 Insufficient cpu.';
    const p = withStatus(aPod('big'), { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg }] as never });
    const v = podView(p, store());
    expect([v.look, v.node, v.unschedulable, v.sandbox]).toEqual(['pending', '', msg, 'none']);
  });

  it('is drawn Unknown on a lost node and Terminating when deleted', () => {
    const running = withStatus(aPod('x'), { phase: 'Running', reason: 'NodeLost' }, 'node-2');
    expect(podView(running, store()).look).toBe('unknown');
    const deleting = { ...withStatus(aPod('y'), { phase: 'Running' }, 'node-1'), metadata: { ...aPod('y').metadata, deletionTimestamp: '2024-05-01T09:00:09Z' } };
    expect(podView(deleting, store())).toMatchObject({ status: 'Terminating', look: 'terminating', deleting: true });
  });

  it('belongs to the Deployment that owns its ReplicaSet', () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default', ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }] }, spec: {}, status: {} } as unknown as KubeObject;
    const p = { ...aPod('web-abc-1'), metadata: { ...aPod('web-abc-1').metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u', controller: true }] } } as Pod;
    expect(podView(p, store(rs))).toMatchObject({ owner: 'ReplicaSet/web-abc', workload: 'Deployment/web' });
  });
});

describe('the dashboard’s view of a node', () => {
  it('has kubectl’s STATUS, cordon and taints, and its allocatable resources', () => {
    const n = aNode('node-2', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] });
    n.status.conditions = [nodeCondition('Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.')];
    expect(nodeView(n)).toMatchObject({ status: 'NotReady,SchedulingDisabled', look: 'unknown', cordoned: true, taints: ['node.kubernetes.io/unreachable:NoExecute'], cpu: 4000, memory: 8 * 1024 ** 3, pods: 110 });
  });

  it('lists nodes in natural order (node-2 before node-10)', () => {
    const v = clusterView(store(aNode('node-10'), aNode('node-2')), 7, 0);
    expect(v.nodes.map((n) => n.name)).toEqual(['node-2', 'node-10']);
    expect(v.seq).toBe(7);
  });
});

describe('the dashboard’s workloads', () => {
  it('a StatefulSet: READY as kubectl prints it, scalable', () => {
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T09:00:00Z' }, spec: { replicas: 3, template: { spec: { containers: [] } } }, status: { replicas: 3, readyReplicas: 2 } } as unknown as KubeObject;
    expect(workloadView(sts, Date.parse('2024-05-01T09:01:00Z'))).toMatchObject({ kind: 'StatefulSet', name: 'web', ready: '2/3', replicas: 3, scalable: true });
  });
});

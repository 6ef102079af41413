import { buildNodeInfos } from './framework';
import { SchedulerCache } from './scheduler-cache';
import { makeNode, makePod } from './testing/builders';

const n1 = makeNode('n1').build();
const n2 = makeNode('n2').build();
const on = (name: string, node: string, cpu = '1') => makePod(name).nodeName(node).requests({ cpu }).build();
const summary = (c: SchedulerCache) => c.snapshot().nodeInfos.map((ni) => [ni.name, ni.pods.map((p) => p.metadata.name), ni.requested.milliCpu]);

describe('SchedulerCache: NodeInfos kept up to date change by change', () => {
  it('builds what buildNodeInfos builds from the same nodes and pods, in node order', () => {
    const c = new SchedulerCache();
    const pods = [on('a', 'n2'), makePod('pending').build(), on('b', 'n1', '500m'), on('c', 'n2', '250m')];
    c.updatePod(pods[0]); // a pod may arrive before its node
    c.updateNode(n1);
    c.updateNode(n2);
    for (const p of pods.slice(1)) c.updatePod(p);
    expect(c.snapshot().nodeInfos).toEqual(buildNodeInfos([n1, n2], pods));
  });

  it('moves, releases and deletes pods; terminal pods hold nothing', () => {
    const c = new SchedulerCache();
    c.updateNode(n1);
    c.updateNode(n2);
    c.updatePod(on('a', 'n1'));
    c.updatePod(on('b', 'n1'));
    c.updatePod(makePod('b').nodeName('n1').requests({ cpu: '1' }).phase('Succeeded').build());
    c.removePod('uid-a');
    c.updatePod(on('c', 'n2', '2'));
    expect(summary(c)).toEqual([
      ['n1', [], 0],
      ['n2', ['c'], 2000],
    ]);
  });

  it('a node update keeps its place and its pods; a removed node leaves the list', () => {
    const c = new SchedulerCache();
    c.updateNode(n1);
    c.updateNode(n2);
    c.updatePod(on('a', 'n1'));
    c.updateNode(makeNode('n1').unschedulable().build());
    expect(c.snapshot().nodeInfos.map((ni) => [ni.name, ni.unschedulable, ni.pods.length])).toEqual([
      ['n1', true, 1],
      ['n2', false, 0],
    ]);
    c.removeNode('n1');
    expect(summary(c)).toEqual([['n2', [], 0]]);
  });

  it('a snapshot does not change until the next snapshot() call', () => {
    const c = new SchedulerCache();
    c.updateNode(n1);
    const before = c.snapshot();
    const n1Before = before.nodeInfos[0];
    c.updatePod(on('a', 'n1'));
    expect(before.nodeInfos[0]).toBe(n1Before);
    expect(c.snapshot().nodeInfos[0].pods).toHaveLength(1);
  });

  it('lists the nodes holding pods with affinity and with required anti-affinity', () => {
    const c = new SchedulerCache();
    c.updateNode(n1);
    c.updateNode(n2);
    expect(c.snapshot().havePodsWithAffinity).toEqual([]);
    c.updatePod(makePod('aff').nodeName('n1').podAffinity('zone', { app: 'x' }).build());
    c.updatePod(makePod('anti').nodeName('n2').podAntiAffinity('zone', { app: 'x' }).build());
    const s = c.snapshot();
    expect(s.havePodsWithAffinity.map((ni) => ni.name)).toEqual(['n1', 'n2']);
    expect(s.havePodsWithRequiredAntiAffinity.map((ni) => ni.name)).toEqual(['n2']);
    c.removePod('uid-anti');
    expect(c.snapshot().havePodsWithRequiredAntiAffinity).toEqual([]);
  });
});

describe('SchedulerCache: assume and forget (upstream AssumePod / ForgetPod)', () => {
  const pending = makePod('p').requests({ cpu: '1' }).build();
  const assumed = { ...pending, spec: { ...pending.spec, nodeName: 'n1' } };

  it('an assumed pod counts on its node at once, and stays while the projection still shows it unbound', () => {
    const c = new SchedulerCache();
    c.updateNode(n1);
    c.assumePod(assumed);
    c.updatePod(pending);
    expect(summary(c)).toEqual([['n1', ['p'], 1000]]);
    expect(c.isAssumed('uid-p')).toBe(true);
  });

  it('the bound pod from the projection confirms it: forgetting it then changes nothing', () => {
    const c = new SchedulerCache();
    c.updateNode(n1);
    c.assumePod(assumed);
    c.updatePod(assumed);
    c.forgetPod('uid-p');
    expect(c.isAssumed('uid-p')).toBe(false);
    expect(summary(c)).toEqual([['n1', ['p'], 1000]]);
  });

  it('a failed binding forgets the pod: its resources are free again', () => {
    const c = new SchedulerCache();
    c.updateNode(n1);
    c.assumePod(assumed);
    c.forgetPod('uid-p');
    expect(summary(c)).toEqual([['n1', [], 0]]);
  });

  it('the apiserver bound it elsewhere (another scheduler won): it counts there', () => {
    const c = new SchedulerCache();
    c.updateNode(n1);
    c.updateNode(n2);
    c.assumePod(assumed);
    c.updatePod({ ...pending, spec: { ...pending.spec, nodeName: 'n2' } });
    expect(summary(c)).toEqual([
      ['n1', [], 0],
      ['n2', ['p'], 1000],
    ]);
  });
});

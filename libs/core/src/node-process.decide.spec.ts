import { aNode, given, nodeRegistered } from '@kubesim/testing';
import { SCHEMA_VERSION, type EventOf } from './events';
import { describeNodeProcessAction } from './node-process.decide';
import { getNode } from './view';

describe('RecordNodeProcessAction', () => {
  it('records what was done to the kubelet, by whom, and the cluster’s time scale', () => {
    given(nodeRegistered(aNode('node-2')))
      .when({ type: 'RecordNodeProcessAction', name: 'node-2', action: 'kill' }, { by: 'user:kubesim', cause: 'kubesim node kill node-2', timeScale: 0.1 })
      .then([{ type: 'NodeProcessAction', name: 'node-2', action: 'kill', by: 'user:kubesim', cause: 'kubesim node kill node-2', timeScale: 0.1 }]);
  });

  it('keeps the options of a node add, before the node exists', () => {
    given()
      .when({ type: 'RecordNodeProcessAction', name: 'node-4', action: 'add', node: { cpu: '2', labels: 'disktype=ssd' } })
      .then([{ type: 'NodeProcessAction', name: 'node-4', action: 'add', node: { cpu: '2', labels: 'disktype=ssd' } }]);
  });

  it('leaves the Node as it was, with the resourceVersion of its subject’s last record', () => {
    const spec = given(nodeRegistered(aNode('node-2')));
    const before = getNode(spec.store, 'node-2')!;
    const events = spec.when({ type: 'RecordNodeProcessAction', name: 'node-2', action: 'partition' }).then([{ type: 'NodeProcessAction' }]);
    spec.store.apply(2, { v: SCHEMA_VERSION, events });
    expect(getNode(spec.store, 'node-2')).toEqual({ ...before, metadata: { ...before.metadata, resourceVersion: '2' } });
  });

  it('before the node registers, the action only moves its subject on (a later registration expects that sequence)', () => {
    const spec = given();
    const events = spec.when({ type: 'RecordNodeProcessAction', name: 'node-4', action: 'add' }).then([{ type: 'NodeProcessAction' }]);
    spec.store.apply(1, { v: SCHEMA_VERSION, events });
    expect(getNode(spec.store, 'node-4')).toBeUndefined();
    expect(spec.store.lastSeqOf({ kind: 'Node', namespace: '', name: 'node-4' })).toBe(1);
  });
});

describe('describeNodeProcessAction', () => {
  const e = (action: EventOf<'NodeProcessAction'>['action']): EventOf<'NodeProcessAction'> => ({ type: 'NodeProcessAction', at: '', by: 'user:kubesim', name: 'node-2', action, timeScale: 1 });
  it.each([
    ['kill', 'node-2 killed by user:kubesim (SIGKILL of its kubelet)'],
    ['stop', 'node-2 stopped by user:kubesim (SIGTERM to its kubelet)'],
    ['partition', 'node-2 partitioned by user:kubesim (its kubelet cut off from NATS)'],
  ] as const)('%s reads “%s”', (action, text) => {
    expect(describeNodeProcessAction(e(action))).toBe(text);
  });

  it('a kill recorded for kubesim node kill-pool names the pool: the rack is lost', () => {
    expect(describeNodeProcessAction({ ...e('kill'), cause: 'kubesim node kill-pool pool-2: the rack is lost' })).toBe('node-2 killed by user:kubesim (SIGKILL of its kubelet pool pool-2: the rack is lost)');
  });
});

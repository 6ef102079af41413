import { connectNats } from '@kubesim/eventlog';
import { startNatsServer, type NatsServerHandle } from '@kubesim/testing';
import type { NatsConnection } from 'nats';
import { PersistentVolumeStore } from './persistent-volumes';

/** Two kubelets (two connections) sharing a PersistentVolume's files through the KV bucket. */
describe('PersistentVolumeStore on a real nats-server', () => {
  let nats: NatsServerHandle;
  let a: NatsConnection;
  let b: NatsConnection;
  beforeAll(async () => {
    nats = await startNatsServer();
    a = await connectNats(nats.url, 'kubelet-a');
    b = await connectNats(nats.url, 'kubelet-b');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await nats?.stop();
  });

  const loaded = async (store: PersistentVolumeStore, name: string) => {
    let signalled = false;
    if (store.get(name, () => (signalled = true))) throw new Error('loaded before it was read');
    await vi.waitFor(() => expect(signalled).toBe(true));
    return store.get(name, () => undefined)!;
  };

  it("what one node's pod wrote is what another node's pod finds; a released volume is read again", async () => {
    const nodeA = await PersistentVolumeStore.open(a);
    const nodeB = await PersistentVolumeStore.open(b);
    const onA = await loaded(nodeA, 'task-pv-volume');
    expect([...onA.files]).toEqual([]);
    onA.files.set('/index.html', 'Hello from Kubernetes storage\n');
    await nodeA.release(new Set());
    const onB = await loaded(nodeB, 'task-pv-volume');
    expect(onB.files.get('/index.html')).toBe('Hello from Kubernetes storage\n');
    onB.files.set('/index.html', 'changed on B\n');
    await nodeB.flush();
    expect((await loaded(nodeA, 'task-pv-volume')).files.get('/index.html')).toBe('changed on B\n');
  });
});

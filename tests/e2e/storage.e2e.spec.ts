import type { KubeEvent } from '@kubesim/api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

/**
 * PersistentVolumeClaims with kubectl on `kubesim up` (semantics-2 §5): the default class
 * provisions when a pod comes (WaitForFirstConsumer), `get pvc,pv` columns, a pod whose claim does
 * not exist stays Pending with the scheduler's message, and a claim deleted while in use stays
 * Terminating until its pod is gone.
 */
describe.skipIf(!hasKubectl)('persistent volumes with kubectl (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const file = (name: string, yaml: string) => {
    const f = join(cluster.dataDir, `${name}.yaml`);
    writeFileSync(f, yaml);
    return f;
  };
  const claimYaml = (name: string, extra = '') =>
    `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 2Gi\n${extra}`;
  const podYaml = (name: string, claim: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: ${claim}\n`;
  const rows = (out: string) => out.trim().split('\n').map((l) => l.split(/\s{2,}/));
  const events = async (name: string) => (JSON.parse(await cluster.kubectlOk('get', 'events', '-o', 'json')) as { items: KubeEvent[] }).items.filter((e) => e.involvedObject.name === name);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('lists the default class as kubectl does', async () => {
    expect(rows(await cluster.kubectlOk('get', 'storageclass'))).toEqual([
      ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
      ['standard (default)', 'kubesim.io/hostpath', 'Delete', 'WaitForFirstConsumer', 'false', expect.stringMatching(/^\d+s$/)],
    ]);
  });

  it('a claim waits for its first consumer, then is provisioned on the pod’s node and bound', async () => {
    await cluster.kubectlOk('apply', '-f', file('data', claimYaml('data')));
    await eventually(async () => expect((await events('data')).map((e) => e.reason)).toContain('WaitForFirstConsumer'));
    const pending = (await cluster.kubectlOk('get', 'pvc', 'data')).trim().split('\n')[1].split(/\s+/);
    expect(pending.slice(0, 3)).toEqual(['data', 'Pending', 'standard']);
    await cluster.kubectlOk('apply', '-f', file('web', podYaml('web', 'data')));
    const pvName = await eventually(async () => {
      const pvc = JSON.parse(await cluster.kubectlOk('get', 'pvc', 'data', '-o', 'json'));
      expect(pvc.status.phase).toBe('Bound');
      return pvc.spec.volumeName as string;
    });
    const claimUid = JSON.parse(await cluster.kubectlOk('get', 'pvc', 'data', '-o', 'json')).metadata.uid;
    expect(pvName).toBe(`pvc-${claimUid}`);
    const pod = await eventually(async () => {
      const p = JSON.parse(await cluster.kubectlOk('get', 'pod', 'web', '-o', 'json'));
      expect(p.spec.nodeName).toBeTruthy();
      return p;
    });
    const pv = JSON.parse(await cluster.kubectlOk('get', 'pv', pvName, '-o', 'json'));
    expect(pv.metadata.annotations['pv.kubernetes.io/provisioned-by']).toBe('kubesim.io/hostpath');
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([pod.spec.nodeName]);
    expect((await events('data')).map((e) => e.reason)).toEqual(expect.arrayContaining(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']));

    const got = rows(await cluster.kubectlOk('get', 'pvc,pv'));
    expect(got[0]).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
    expect(got[1]).toEqual(['persistentvolumeclaim/data', 'Bound', pvName, '2Gi', 'RWO', 'standard', '<unset>', expect.stringMatching(/^\d+s$/)]);
    const pvHeader = got.findIndex((r) => r[0] === 'NAME' && r[1] === 'CAPACITY');
    expect(got[pvHeader]).toEqual(['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE']);
    expect(got[pvHeader + 1].slice(0, 7)).toEqual([`persistentvolume/${pvName}`, '2Gi', 'RWO', 'Delete', 'Bound', 'default/data', 'standard']);
  });

  it('a pod whose claim does not exist stays Pending with the scheduler’s message', async () => {
    await cluster.kubectlOk('apply', '-f', file('orphan', podYaml('orphan', 'nope')));
    const message = await eventually(async () => {
      const p = JSON.parse(await cluster.kubectlOk('get', 'pod', 'orphan', '-o', 'json'));
      const c = p.status.conditions?.find((x: { type: string }) => x.type === 'PodScheduled');
      expect(c).toMatchObject({ status: 'False', reason: 'Unschedulable' });
      return c.message;
    });
    expect(message).toBe('0/2 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
    expect(rows(await cluster.kubectlOk('get', 'pod', 'orphan'))[1][2]).toBe('Pending');
  });

  it('a claim deleted while in use stays Terminating until its pod is gone; its Delete volume goes with it', async () => {
    const pvName = JSON.parse(await cluster.kubectlOk('get', 'pvc', 'data', '-o', 'json')).spec.volumeName;
    expect(await cluster.kubectlOk('delete', 'pvc', 'data', '--wait=false')).toContain('persistentvolumeclaim "data" deleted');
    await new Promise((r) => setTimeout(r, 3000));
    expect(rows(await cluster.kubectlOk('get', 'pvc', 'data'))[1][1]).toBe('Terminating');
    await cluster.kubectlOk('delete', 'pod', 'web');
    await eventually(async () => expect((await cluster.kubectl('get', 'pvc', 'data')).stderr).toContain('persistentvolumeclaims "data" not found'), 60_000);
    await eventually(async () => expect((await cluster.kubectl('get', 'pv', pvName)).stderr).toContain(`persistentvolumes "${pvName}" not found`), 60_000);
  });
});

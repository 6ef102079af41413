import { admitServiceAccount } from '@kubesim/api';
import { newVolume } from '@kubesim/runtime';
import { describe, expect, it } from 'vitest';
import { FakeNode, PodOnNode, sec } from './pod-runtime.spec-helpers';
import type { ContainerRuntime } from './container-runtime';

const cm = (data: Record<string, string>) => ({ kind: 'ConfigMap', metadata: { name: 'game-config', namespace: 'default' }, data });

function nodeWith(objects: Record<string, Record<string, any>>) {
  const node = new FakeNode();
  node.ctx.objects = (kind, ns, name) => objects[`${kind}/${ns}/${name}`];
  node.ctx.allocatable = { cpu: '2', memory: '4Gi' };
  return node;
}
const fsOf = (c: ContainerRuntime) => {
  if (c.phase.kind !== 'running') throw new Error(`container is ${c.phase.kind}`);
  return c.phase.env;
};
/** The pod as kube-apiserver's ServiceAccount admission leaves it. */
const admitted = (p: PodOnNode) => new PodOnNode(p.node, admitServiceAccount(p.pod, {}, 'abcde'));
const logOf = (c: ContainerRuntime) => c.log.current.map((l) => l.line);

describe('volumes and env inside the simulated runtime', () => {
  it("a mounted ConfigMap's files follow an update after the sync period; subPath mounts and env do not", () => {
    const objects: Record<string, Record<string, any>> = { 'ConfigMap/default/game-config': cm({ 'game.properties': 'lives=3', ui: 'color=red' }) };
    const node = nodeWith(objects);
    const p = node.run('web', {
      containers: [
        {
          name: 'app',
          image: 'busybox',
          command: ['sh', '-c', 'ls /etc/config; cat /etc/config/ui; echo; sleep 3600'],
          env: [{ name: 'UI', valueFrom: { configMapKeyRef: { name: 'game-config', key: 'ui' } } }],
          volumeMounts: [
            { name: 'config', mountPath: '/etc/config' },
            { name: 'config', mountPath: '/etc/ui.conf', subPath: 'ui' },
          ],
        },
      ],
      volumes: [{ name: 'config', configMap: { name: 'game-config' } }],
    });
    p.sync();
    p.wakeUntil((x) => x.status === 'Running');
    const app = p.runtime.containers.get('app')!;
    p.advanceTo(node.now + sec(1));
    expect(logOf(app)).toEqual(['game.properties', 'ui', 'color=red']);
    const env = fsOf(app);
    expect(env.fs.list('/etc/config')).toEqual(['..2024_05_01_10_00_00.' + env.fs.list('/etc/config')[0].split('.').pop(), '..data', 'game.properties', 'ui'].sort());
    expect(env.fs.read('/etc/config/..data/ui')).toBe('color=red');

    objects['ConfigMap/default/game-config'] = cm({ 'game.properties': 'lives=3', ui: 'color=blue' });
    p.advanceTo(node.now + sec(30));
    expect(env.fs.read('/etc/config/ui')).toBe('color=red');
    p.advanceTo(node.now + sec(31));
    expect(env.fs.read('/etc/config/ui')).toBe('color=blue');
    expect(env.fs.read('/etc/ui.conf')).toBe('color=red');
    expect(env.env.UI).toBe('color=red');
  });

  it('the ServiceAccount token volume: token, ca.crt and namespace are readable at the token path', () => {
    const node = nodeWith({
      'ServiceAccount/default/default': { metadata: { name: 'default', uid: 'sa-uid' } },
      'ConfigMap/default/kube-root-ca.crt': { data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n' } },
    });
    const p = admitted(node.run('sa', { containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }] }));
    p.sync();
    p.wakeUntil((x) => x.status === 'Running');
    const { fs } = fsOf(p.runtime.containers.get('app')!);
    const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect(fs.read(`${dir}/namespace`)).toBe('default');
    expect(fs.read(`${dir}/ca.crt`)).toBe('-----BEGIN CERTIFICATE-----\n');
    const token = fs.read(`${dir}/token`) as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'system:serviceaccount:default:default', 'kubernetes.io': { namespace: 'default', pod: { name: 'sa', uid: 'uid-sa' }, serviceaccount: { name: 'default', uid: 'sa-uid' } } });
    expect(claims.exp - claims.iat).toBe(3607);
  });

  it('kube-root-ca.crt missing: FailedMount for the kube-api-access volume and ContainerCreating', () => {
    const node = nodeWith({ 'ServiceAccount/default/default': { metadata: { name: 'default', uid: 'sa-uid' } } });
    const p = admitted(node.run('sa', { containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }] }));
    p.sync();
    expect(p.status).toBe('ContainerCreating');
    expect(p.eventLines()).toEqual(['FailedMount: MountVolume.SetUp failed for volume "kube-api-access-abcde" : configmap "kube-root-ca.crt" not found']);
  });

  it('the downward API volume of dapi-volume-resources: resources with divisors', () => {
    const node = nodeWith({});
    const p = node.run('dapi', {
      containers: [
        {
          name: 'client-container',
          image: 'busybox',
          command: ['sh', '-c', 'cat /etc/podinfo/cpu_limit; echo; cat /etc/podinfo/mem_request; echo; sleep 3600'],
          resources: { requests: { memory: '32Mi', cpu: '125m' }, limits: { memory: '64Mi', cpu: '250m' } },
          volumeMounts: [{ name: 'podinfo', mountPath: '/etc/podinfo' }],
        },
      ],
      volumes: [
        {
          name: 'podinfo',
          downwardAPI: {
            items: [
              { path: 'cpu_limit', resourceFieldRef: { containerName: 'client-container', resource: 'limits.cpu', divisor: '1m' } },
              { path: 'mem_request', resourceFieldRef: { containerName: 'client-container', resource: 'requests.memory', divisor: '1Mi' } },
            ],
          },
        },
      ],
    });
    p.sync();
    p.wakeUntil((x) => x.status === 'Running');
    p.advanceTo(node.now + sec(1));
    expect(logOf(p.runtime.containers.get('client-container')!)).toEqual(['250', '32']);
  });
});

describe('persistentVolumeClaim volumes', () => {
  const objects = {
    'PersistentVolumeClaim/default/task-pv-claim': { spec: { volumeName: 'task-pv-volume' }, status: { phase: 'Bound' } },
    'PersistentVolume//task-pv-volume': { spec: {} },
  };
  const spec = (command: string) => ({
    containers: [{ name: 'task-pv-container', image: 'nginx', command: ['sh', '-c', command], volumeMounts: [{ mountPath: '/usr/share/nginx/html', name: 'task-pv-storage' }] }],
    volumes: [{ name: 'task-pv-storage', persistentVolumeClaim: { claimName: 'task-pv-claim' } }],
  });

  it("files written by one pod are there for the next pod mounting the claim (the PV's data, not the pod's)", () => {
    const node = nodeWith(objects);
    const disks = new Map([['task-pv-volume', newVolume()]]);
    node.ctx.persistentVolume = (name) => disks.get(name);
    const first = node.run('writer', spec('echo Hello from Kubernetes storage > /usr/share/nginx/html/index.html; sleep 3600'));
    first.sync();
    first.wakeUntil((x) => x.status === 'Running');
    first.advanceTo(node.now + sec(1));
    expect(disks.get('task-pv-volume')!.files.get('/index.html')).toBe('Hello from Kubernetes storage\n');
    const second = node.run('reader', spec('cat /usr/share/nginx/html/index.html; sleep 3600'));
    second.sync();
    second.wakeUntil((x) => x.status === 'Running');
    second.advanceTo(node.now + sec(1));
    expect(logOf(second.runtime.containers.get('task-pv-container')!)).toEqual(['Hello from Kubernetes storage']);
  });

  it('while the PV is still being read the pod waits in ContainerCreating, with no event', () => {
    const node = nodeWith(objects);
    node.ctx.persistentVolume = () => undefined;
    const p = node.run('waiting', spec('sleep 3600'));
    p.sync();
    expect(p.status).toBe('ContainerCreating');
    expect(p.events).toEqual([]);
  });

  it('an unbound claim: FailedMount with the volume manager text', () => {
    const node = nodeWith({ 'PersistentVolumeClaim/default/task-pv-claim': { spec: {}, status: { phase: 'Pending' } } });
    const p = node.run('unbound', spec('sleep 3600'));
    p.sync();
    expect(p.eventLines()).toEqual([
      'FailedMount: Unable to attach or mount volumes: unmounted volumes=[task-pv-storage], unattached volumes=[], failed to process volumes=[task-pv-storage]: error processing PVC default/task-pv-claim: PVC default/task-pv-claim has non-bound phase ("Pending") or empty pvc.Spec.VolumeName ("")',
    ]);
  });
});

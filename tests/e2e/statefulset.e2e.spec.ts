import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl, ROOT } from './harness';

interface WatchedPod {
  type: string;
  name: string;
  phase: string;
  ready: boolean;
  deleting: boolean;
}

/**
 * A watch of the `app=nginx` pods (what `kubectl get pods -w -l app=nginx` shows), from the
 * resourceVersion of a list taken first: every change after that point, in order, whenever the
 * stream connects.
 */
class PodWatch {
  readonly events: WatchedPod[] = [];
  private readonly abort = new AbortController();
  private constructor() {}
  static async start(server: string): Promise<PodWatch> {
    const w = new PodWatch();
    const path = `${server}/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx`;
    const list = (await (await fetch(path)).json()) as { metadata: { resourceVersion: string } };
    const res = await fetch(`${path}&watch=true&resourceVersion=${list.metadata.resourceVersion}`, { signal: w.abort.signal });
    void w.read(res.body!.getReader()).catch(() => undefined);
    return w;
  }
  private async read(reader: ReadableStreamDefaultReader<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line) continue;
        const { type, object: p } = JSON.parse(line);
        if (type === 'BOOKMARK') continue;
        const ready = (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
        this.events.push({ type, name: p.metadata.name, phase: p.status?.phase ?? '', ready, deleting: Boolean(p.metadata.deletionTimestamp) });
      }
    }
  }
  /** The index of the first event of `name` (at or after `from`) matching `what`; -1 when none. */
  first(name: string, what: (e: WatchedPod) => boolean = () => true, from = 0): number {
    const i = this.events.slice(from).findIndex((e) => e.name === name && what(e));
    return i < 0 ? -1 : i + from;
  }
  stop() {
    this.abort.abort();
  }
}
const runningReady = (e: WatchedPod) => e.phase === 'Running' && e.ready && !e.deleting;
const added = (e: WatchedPod) => e.type === 'ADDED';
const deleting = (e: WatchedPod) => e.deleting;

interface PodInfo {
  uid: string;
  node: string;
  phase: string;
  ready: boolean;
  deleting: boolean;
  image: string;
  revision: string;
}

/** The documentation's StatefulSet tutorial (`web` behind the headless Service `nginx`) with kubectl, at time scale 0.1. */
describe.skipIf(!hasKubectl)('StatefulSets with kubectl (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const pod = async (name: string): Promise<PodInfo | undefined> => {
    const r = await cluster.kubectl('get', 'pod', name, '-o', 'json');
    if (r.code !== 0) return undefined;
    const p = JSON.parse(r.stdout);
    return {
      uid: p.metadata.uid,
      node: p.spec.nodeName ?? '',
      phase: p.status.phase,
      ready: (p.status.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True'),
      deleting: Boolean(p.metadata.deletionTimestamp),
      image: p.spec.containers[0].image,
      revision: p.metadata.labels?.['controller-revision-hash'] ?? '',
    };
  };
  const readyPod = (name: string, notUid?: string) =>
    eventually(async () => {
      const p = await pod(name);
      if (!p || !p.ready || p.deleting || p.uid === notUid) throw new Error(`${name}: ${JSON.stringify(p)}`);
      return p;
    }, 60_000);
  const podNames = async () => (await cluster.kubectlOk('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={.items[*].metadata.name}')).split(' ').filter(Boolean).sort();
  const exec = (name: string, script: string) => cluster.kubectlOk('exec', name, '--', 'sh', '-c', script);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
  }, 120_000);
  afterAll(async () => {
    await cluster?.down();
  });

  it('the tutorial manifest runs unchanged: web-0 first, web-1 only once web-0 is Running and Ready; claims, labels, columns and events as upstream', async () => {
    const watch = await PodWatch.start(cluster.server);
    try {
      expect(await cluster.kubectlOk('apply', '-f', join(ROOT, 'examples/web.yaml'))).toBe('service/nginx created\nstatefulset.apps/web created\n');
      await readyPod('web-1');
      await eventually(async () => expect(watch.first('web-1', runningReady)).toBeGreaterThan(0));
    } finally {
      watch.stop();
    }
    // The tutorial's sequence: web-0 Pending → ContainerCreating → Running 1/1, only then web-1 Pending.
    const web0Running = watch.first('web-0', runningReady);
    expect(watch.events[watch.first('web-0', added)]).toMatchObject({ phase: 'Pending' });
    expect(web0Running).toBeGreaterThan(watch.first('web-0', added));
    expect(watch.first('web-1', added)).toBeGreaterThan(web0Running);

    await eventually(async () => expect(await cluster.kubectlOk('get', 'sts')).toMatch(/^NAME\s+READY\s+AGE\nweb\s+2\/2\s+\d+s\n$/));
    expect(await cluster.kubectlOk('get', 'sts', 'web', '-o', 'wide')).toMatch(/^NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\nweb\s+2\/2\s+\d+s\s+nginx\s+registry\.k8s\.io\/nginx-slim:0\.21\n$/);
    expect(await cluster.kubectlOk('get', 'controllerrevisions')).toMatch(/^NAME\s+CONTROLLER\s+REVISION\s+AGE\nweb-\w+\s+statefulset\.apps\/web\s+1\s+\d+s\n$/);
    const pvc = await cluster.kubectlOk('get', 'pvc', '-o', 'custom-columns=NAME:.metadata.name,STATUS:.status.phase,APP:.metadata.labels.app', '--no-headers');
    expect(pvc.trim().split('\n').map((l) => l.trim().split(/\s+/))).toEqual([
      ['www-web-0', 'Bound', 'nginx'],
      ['www-web-1', 'Bound', 'nginx'],
    ]);
    const p0 = JSON.parse(await cluster.kubectlOk('get', 'pod', 'web-0', '-o', 'json'));
    const revision = (await cluster.kubectlOk('get', 'sts', 'web', '-o', 'jsonpath={.status.updateRevision}')).trim();
    expect(p0.metadata.labels).toEqual({ app: 'nginx', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': 'web-0' });
    expect(p0.spec).toMatchObject({ hostname: 'web-0', subdomain: 'nginx' });
    expect(p0.spec.volumes[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    const events = await cluster.kubectlOk('get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'jsonpath={range .items[*]}{.reason} {.message}{"\\n"}{end}');
    for (const line of ['SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success', 'SuccessfulCreate create Pod web-0 in StatefulSet web successful', 'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success', 'SuccessfulCreate create Pod web-1 in StatefulSet web successful'])
      expect(events).toContain(line);
    expect(JSON.parse(await cluster.kubectlOk('get', 'sts', 'web', '-o', 'jsonpath={.status}'))).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: revision, updateRevision: revision, observedGeneration: 1 });
  }, 120_000);

  it('stable network identity: nslookup web-0.nginx inside a container answers its pod IP; /etc/hosts has its FQDN', async () => {
    const ip0 = (await cluster.kubectlOk('get', 'pod', 'web-0', '-o', 'jsonpath={.status.podIP}')).trim();
    const ip1 = (await cluster.kubectlOk('get', 'pod', 'web-1', '-o', 'jsonpath={.status.podIP}')).trim();
    expect(await exec('web-1', 'nslookup web-0.nginx')).toContain(`Name:      web-0.nginx\nAddress 1: ${ip0} web-0.nginx.default.svc.cluster.local`);
    expect(await exec('web-0', 'nslookup web-1.nginx.default.svc.cluster.local')).toContain(`Address 1: ${ip1} web-1.nginx.default.svc.cluster.local`);
    expect(await exec('web-0', 'hostname; cat /etc/hosts')).toContain(`web-0\n127.0.0.1\tlocalhost\n${ip0}\tweb-0.nginx.default.svc.cluster.local\tweb-0\n`);
    const r = await cluster.kubectl('exec', 'web-0', '--', 'nslookup', 'web-7.nginx');
    expect(r.code).not.toBe(0);
  }, 60_000);

  it('stable storage: a file written before `kubectl delete pod web-0` is there in the re-created web-0', async () => {
    for (const name of ['web-0', 'web-1']) await exec(name, 'echo "$(hostname)" > /usr/share/nginx/html/index.html');
    const before = (await pod('web-0'))!;
    expect(await cluster.kubectlOk('delete', 'pod', 'web-0')).toBe('pod "web-0" deleted\n');
    const after = await readyPod('web-0', before.uid);
    expect(after.uid).not.toBe(before.uid);
    expect(await exec('web-0', 'cat /usr/share/nginx/html/index.html')).toBe('web-0\n');
    expect(await exec('web-1', 'curl -s http://web-0.nginx/')).toBe('web-0\n');
  }, 90_000);

  it('kubectl scale: up in ordinal order, each after the previous is Running; down from the highest ordinal; claims kept', async () => {
    let watch = await PodWatch.start(cluster.server);
    try {
      expect(await cluster.kubectlOk('scale', 'sts', 'web', '--replicas=4')).toBe('statefulset.apps/web scaled\n');
      await readyPod('web-3');
      await eventually(async () => expect(watch.first('web-3', runningReady)).toBeGreaterThan(0));
    } finally {
      watch.stop();
    }
    expect(watch.first('web-2', runningReady)).toBeGreaterThan(watch.first('web-2', added));
    expect(watch.first('web-3', added)).toBeGreaterThan(watch.first('web-2', runningReady));
    watch = await PodWatch.start(cluster.server);
    try {
      await cluster.kubectlOk('scale', 'sts', 'web', '--replicas=2');
      await eventually(async () => expect(await podNames()).toEqual(['web-0', 'web-1']), 60_000);
    } finally {
      watch.stop();
    }
    expect(watch.first('web-3', deleting)).toBeGreaterThanOrEqual(0);
    expect(watch.first('web-2', deleting)).toBeGreaterThan(watch.first('web-3', deleting));
    expect((await cluster.kubectlOk('get', 'pvc', '-o', 'name')).trim().split('\n')).toEqual(['persistentvolumeclaim/www-web-0', 'persistentvolumeclaim/www-web-1', 'persistentvolumeclaim/www-web-2', 'persistentvolumeclaim/www-web-3']);
  }, 120_000);

  it('a rolling update of the image replaces web-1 then web-0 (reverse ordinal order), recorded as revision 2', async () => {
    const watch = await PodWatch.start(cluster.server);
    try {
      await cluster.kubectlOk('set', 'image', 'sts/web', 'nginx=registry.k8s.io/nginx-slim:0.24');
      const status = await cluster.kubectl('rollout', 'status', 'sts/web', '--timeout=60s');
      expect(status.stdout).toContain('partitioned roll out complete: 2 new pods have been updated...');
    } finally {
      watch.stop();
    }
    // web-1 first; web-0 only once the new web-1 is Running and Ready.
    const web1Deleted = watch.first('web-1', deleting);
    expect(web1Deleted).toBeGreaterThanOrEqual(0);
    const web1Back = watch.first('web-1', (e) => added(e) && !e.deleting, web1Deleted);
    expect(web1Back).toBeGreaterThan(web1Deleted);
    expect(watch.first('web-0', deleting)).toBeGreaterThan(watch.first('web-1', runningReady, web1Back));
    const s = JSON.parse(await cluster.kubectlOk('get', 'sts', 'web', '-o', 'jsonpath={.status}'));
    expect(s.currentRevision).toBe(s.updateRevision);
    for (const name of ['web-0', 'web-1']) expect(await pod(name)).toMatchObject({ image: 'registry.k8s.io/nginx-slim:0.24', revision: s.updateRevision });
    const revisions = (await cluster.kubectlOk('get', 'controllerrevisions', '--no-headers')).trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(revisions.map((r) => r[2]).sort()).toEqual(['1', '2']);
    expect(revisions.find((r) => r[2] === '2')?.[0]).toBe(s.updateRevision);
  }, 120_000);

  it("a lost node: its StatefulSet pod stays Unknown/Terminating and is not replaced; force-deleted, it comes back with its name and data", async () => {
    const before = (await pod('web-1'))!;
    const lost = before.node;
    expect((await cluster.cli('node', 'kill', lost, '--data-dir', cluster.dataDir)).code).toBe(0);
    // NotReady after the lease grace, then the taint manager marks it for deletion (tolerationSeconds 300, scaled).
    await eventually(async () => {
      const p = await pod('web-1');
      if (!p?.deleting) throw new Error(JSON.stringify(p));
    }, 90_000);
    const row = (await cluster.kubectlOk('get', 'pod', 'web-1', '--no-headers')).trim().split(/\s+/);
    expect(['Unknown', 'Terminating']).toContain(row[2]);
    // Several resyncs later (1 s each at this scale): the same pod, nothing created in its name.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await pod('web-1'))?.uid).toBe(before.uid);
    expect(await podNames()).toEqual(['web-0', 'web-1']);
    expect(await cluster.kubectlOk('get', 'sts', 'web', '--no-headers')).toMatch(/^web\s+1\/2\s/);

    const forced = await cluster.kubectl('delete', 'pod', 'web-1', '--force', '--grace-period=0');
    expect(forced.stdout).toBe('pod "web-1" force deleted\n');
    const recreated = await eventually(async () => {
      const p = await pod('web-1');
      if (!p || p.uid === before.uid) throw new Error(JSON.stringify(p));
      return p;
    }, 30_000);
    expect(recreated.deleting).toBe(false);
    // Its claim's volume lives on the lost node: the pod waits for it, and runs there once the node is back.
    expect((await cluster.cli('node', 'start', lost, '--data-dir', cluster.dataDir)).code).toBe(0);
    const back = await readyPod('web-1', before.uid);
    expect(back.node).toBe(lost);
    expect(await exec('web-1', 'cat /usr/share/nginx/html/index.html')).toBe('web-1\n');
  }, 240_000);

  it('kubectl delete sts web --cascade=orphan leaves its pods running; applied again, the set adopts them', async () => {
    const before = (await pod('web-0'))!;
    expect(await cluster.kubectlOk('delete', 'sts', 'web', '--cascade=orphan')).toBe('statefulset.apps "web" deleted\n');
    await eventually(async () => expect((await cluster.kubectl('get', 'sts', 'web')).code).not.toBe(0));
    const orphan = JSON.parse(await cluster.kubectlOk('get', 'pod', 'web-0', '-o', 'json'));
    expect(orphan.metadata.uid).toBe(before.uid);
    expect(orphan.metadata.ownerReferences).toBeUndefined();
    // The set as it was (the image of the rolling update above), so adoption is all that happens.
    const again = join(cluster.dataDir, 'web-0.24.yaml');
    writeFileSync(again, readFileSync(join(ROOT, 'examples/web.yaml'), 'utf8').replace('nginx-slim:0.21', 'nginx-slim:0.24'));
    await cluster.kubectlOk('apply', '-f', again);
    const uid = (await cluster.kubectlOk('get', 'sts', 'web', '-o', 'jsonpath={.metadata.uid}')).trim();
    await eventually(async () => {
      const refs = JSON.parse(await cluster.kubectlOk('get', 'pod', 'web-0', '-o', 'jsonpath={.metadata.ownerReferences}') || '[]');
      expect(refs).toMatchObject([{ kind: 'StatefulSet', name: 'web', uid, controller: true }]);
    });
    expect((await pod('web-0'))?.uid).toBe(before.uid);
    await eventually(async () => expect(await cluster.kubectlOk('get', 'sts', 'web', '--no-headers')).toMatch(/^web\s+2\/2\s/), 30_000);
  }, 60_000);

  it('persistentVolumeClaimRetentionPolicy whenScaled Delete: scaled to 1, the claims of the ordinals scaled away go after their pods', async () => {
    await cluster.kubectlOk('patch', 'sts', 'web', '-p', '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenScaled":"Delete"}}}');
    await cluster.kubectlOk('scale', 'sts', 'web', '--replicas=1');
    await eventually(async () => expect(await podNames()).toEqual(['web-0']), 60_000);
    await eventually(async () => expect((await cluster.kubectlOk('get', 'pvc', '-o', 'name')).trim()).toBe('persistentvolumeclaim/www-web-0'), 30_000);
    expect(await exec('web-0', 'cat /usr/share/nginx/html/index.html')).toBe('web-0\n');
  }, 90_000);
});

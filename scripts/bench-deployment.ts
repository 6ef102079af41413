/**
 * Benchmark: a Deployment of N replicas (default 100) on 5 nodes at time scale 1 — time until all
 * are Running (rollout complete), then the rolling update to a new image. The image is preloaded
 * on every node, as on a real cluster that has run it before.
 * `--nodes-per-process K` is passed to `kubesim up` (0: its default layout); `--replicas 0` measures
 * only the start-up: time to all Ready and the cluster's idle RSS.
 * Usage: npm run build && node dist/scripts/bench-deployment.js [--replicas 100] [--nodes 5] [--nodes-per-process K]
 */
import { arg, rssMiB, startKubesim } from './bench-support';

const REPLICAS = arg('replicas', 100);
const NODES = arg('nodes', 5);
const PER_PROCESS = arg('nodes-per-process', 0);

async function main() {
  const cluster = await startKubesim(['--nodes', String(NODES), ...(PER_PROCESS ? ['--nodes-per-process', String(PER_PROCESS)] : [])], { KUBESIM_PRELOADED_IMAGES: 'registry.k8s.io/pause:3.10,nginx:1.14.2,nginx:1.16.1' });
  const server = cluster.server;
  const deployment = (image: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'bench' },
    spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'bench' } }, template: { metadata: { labels: { app: 'bench' } }, spec: { containers: [{ name: 'nginx', image, imagePullPolicy: 'IfNotPresent' }] } } },
  });
  const done = async (image: string) => {
    for (;;) {
      const d = (await (await fetch(`${server}/apis/apps/v1/namespaces/default/deployments/bench`)).json()) as any;
      const s = d.status ?? {};
      if (d.metadata.generation === s.observedGeneration && s.updatedReplicas === REPLICAS && s.availableReplicas === REPLICAS && s.replicas === REPLICAS && d.spec.template.spec.containers[0].image === image) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  // Idle, a moment after Ready: every process of the cluster (nats-server included).
  await new Promise((r) => setTimeout(r, 3000));
  const pids = Object.entries(cluster.pids());
  const kubelets = pids.filter(([n]) => n.startsWith('kubelet-'));
  const rss = (list: [string, number][]) => list.reduce((sum, [, pid]) => sum + rssMiB(pid), 0);
  const idle = `  cluster RSS idle: ${(rss(pids) / 1024).toFixed(2)} GiB in ${pids.length} processes; kubelets ${(rss(kubelets) / 1024).toFixed(2)} GiB in ${kubelets.length} (${(rss(kubelets) / NODES).toFixed(1)} MiB per node)`;
  if (REPLICAS === 0) {
    console.log(`kubesim bench: ${NODES} nodes, ${PER_PROCESS ? `${PER_PROCESS} per kubelet process` : 'default layout'}, time scale 1`);
    console.log(`  kubesim up → all ${NODES} nodes Ready: ${cluster.readyMs} ms`);
    console.log(idle);
    return cluster.stop();
  }
  let t0 = performance.now();
  await fetch(`${server}/apis/apps/v1/namespaces/default/deployments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(deployment('nginx:1.14.2')) });
  await done('nginx:1.14.2');
  const createMs = performance.now() - t0;
  t0 = performance.now();
  await fetch(`${server}/apis/apps/v1/namespaces/default/deployments/bench`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } }),
  });
  await done('nginx:1.16.1');
  const rollMs = performance.now() - t0;
  console.log(`kubesim bench: Deployment of ${REPLICAS} replicas on ${NODES} nodes${PER_PROCESS ? ` (${PER_PROCESS} per kubelet process)` : ''}, time scale 1, images preloaded`);
  console.log(`  kubesim up → all ${NODES} nodes Ready: ${cluster.readyMs} ms`);
  console.log(idle);
  console.log(`  create → all ${REPLICAS} Running and available: ${(createMs / 1000).toFixed(1)} s (${((REPLICAS / createMs) * 1000).toFixed(1)} pods/s)`);
  console.log(`  rolling update (maxSurge/maxUnavailable 25%) → complete: ${(rollMs / 1000).toFixed(1)} s`);
  await cluster.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * Benchmark: server-side apply against plain create, in the same run, and a CRD's create until its
 * kind is served. A 1-node `kubesim up`; N ConfigMaps POSTed (create), N more created by apply
 * (PATCH application/apply-patch+yaml to an absent name), then the N applied ones applied again
 * with a changed value (apply of an existing object: merge, ownership, conflict check), C requests
 * in flight; then a CRD created and its collection polled until it answers 200.
 * Usage: npm run build && node dist/scripts/bench-apply.js [--objects 1000] [--concurrency 32] [--crds 5]
 */
import { arg, pool, startKubesim } from './bench-support';

export interface ApplyResult {
  readonly objects: number;
  readonly concurrency: number;
  readonly createsPerSecond: number;
  readonly applyCreatesPerSecond: number;
  readonly applyUpdatesPerSecond: number;
  /** ms from the CRD's POST answered to its collection answering 200, one per CRD. */
  readonly crdServedMs: number[];
}

const configMap = (name: string, value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { app: 'bench' } }, data: { mode: value, level: '3' } });

const crd = (i: number) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `widgets${i}.bench.kubesim.io` },
  spec: {
    group: 'bench.kubesim.io',
    scope: 'Namespaced',
    names: { plural: `widgets${i}`, singular: `widget${i}`, kind: `Widget${i}` },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
  },
});

async function timed(n: number, concurrency: number, f: (i: number) => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await pool(Array.from({ length: n }, (_, i) => i), concurrency, f);
  return (n / (performance.now() - t0)) * 1000;
}

export async function runApplyBench(objects: number, concurrency: number, crds: number): Promise<ApplyResult> {
  const cluster = await startKubesim(['--nodes', '1']);
  const CM = `${cluster.server}/api/v1/namespaces/default/configmaps`;
  const send = async (method: string, url: string, body: unknown, contentType: string, want: number) => {
    const res = await fetch(url, { method, headers: { 'content-type': contentType }, body: JSON.stringify(body) });
    if (res.status !== want) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  try {
    const create = (prefix: string) => (i: number) => send('POST', `${CM}?fieldManager=bench`, configMap(`${prefix}-${i}`, 'a'), 'application/json', 201);
    const apply = (prefix: string, value: string, want: number) => (i: number) => send('PATCH', `${CM}/${prefix}-${i}?fieldManager=bench`, configMap(`${prefix}-${i}`, value), 'application/apply-patch+yaml', want);
    await pool(Array.from({ length: 50 }, (_, i) => i), concurrency, create('warm')); // warm-up
    const createsPerSecond = await timed(objects, concurrency, create('created'));
    const applyCreatesPerSecond = await timed(objects, concurrency, apply('applied', 'a', 201));
    const applyUpdatesPerSecond = await timed(objects, concurrency, apply('applied', 'b', 200));
    const crdServedMs: number[] = [];
    for (let i = 0; i < crds; i++) {
      await send('POST', `${cluster.server}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, crd(i), 'application/json', 201);
      const t0 = performance.now();
      while ((await fetch(`${cluster.server}/apis/bench.kubesim.io/v1/namespaces/default/widgets${i}`)).status !== 200) await new Promise((r) => setTimeout(r, 2));
      crdServedMs.push(performance.now() - t0);
    }
    return { objects, concurrency, createsPerSecond, applyCreatesPerSecond, applyUpdatesPerSecond, crdServedMs };
  } finally {
    await cluster.stop();
  }
}

export function describeApply(r: ApplyResult): string[] {
  const f = (n: number) => n.toFixed(0);
  const pct = (n: number) => `${((n / r.createsPerSecond) * 100).toFixed(0)} % of create`;
  const sorted = [...r.crdServedMs].sort((a, b) => a - b);
  return [
    `create (POST, ${r.concurrency} in flight): ${f(r.createsPerSecond)} objects/s`,
    `server-side apply creating (PATCH apply-patch+yaml, absent): ${f(r.applyCreatesPerSecond)} objects/s (${pct(r.applyCreatesPerSecond)})`,
    `server-side apply changing a field: ${f(r.applyUpdatesPerSecond)} objects/s (${pct(r.applyUpdatesPerSecond)})`,
    `CRD create → its kind served: median ${f(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, max ${f(sorted[sorted.length - 1] ?? 0)} ms (${sorted.length} CRDs)`,
  ];
}

if (require.main === module) {
  runApplyBench(arg('objects', 1000), arg('concurrency', 32), arg('crds', 5))
    .then((r) => {
      console.log('kubesim bench: server-side apply');
      for (const line of describeApply(r)) console.log(`  ${line}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

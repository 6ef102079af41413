import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClusterClientModule } from '@kubesim/cluster-client';
import { freePort, parsePrometheusText, samplesOf, type Exposition } from '@kubesim/testing';
import { withApiserver } from '../apiserver.spec-helpers';

const scrape = async (url: string): Promise<{ contentType: string; metrics: Exposition }> => {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return { contentType: res.headers.get('content-type') ?? '', metrics: parsePrometheusText(await res.text()) };
};

describe('Prometheus /metrics, scraped and parsed', () => {
  const f = withApiserver();

  it("the apiserver's: requests by verb, resource and code, their durations, log appends, projection lag", async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'm' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    const post = await fetch(`${f.base}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pod) });
    expect(post.status).toBe(201);
    expect((await fetch(`${f.base}/api/v1/namespaces/default/pods/nope`)).status).toBe(404);
    await (await fetch(`${f.base}/api/v1/namespaces/default/pods`)).text();

    const { contentType, metrics } = await scrape(`${f.base}/metrics`);
    expect(contentType).toContain('text/plain');
    const base = { group: '', version: 'v1', resource: 'pods', component: 'apiserver' };
    expect(samplesOf(metrics, 'apiserver_request_total', { ...base, verb: 'POST', scope: 'namespace', code: '201' })[0]?.value).toBe(1);
    expect(samplesOf(metrics, 'apiserver_request_total', { ...base, verb: 'GET', scope: 'resource', code: '404' })[0]?.value).toBe(1);
    expect(samplesOf(metrics, 'apiserver_request_total', { ...base, verb: 'LIST', scope: 'namespace', code: '200' })[0]?.value).toBe(1);
    expect(metrics.types.get('apiserver_request_duration_seconds')).toBe('histogram');
    expect(samplesOf(metrics, 'apiserver_request_duration_seconds_count', { ...base, verb: 'POST' })[0]?.value).toBe(1);
    expect(samplesOf(metrics, 'apiserver_request_duration_seconds_bucket', { ...base, verb: 'POST', le: '60' })[0]?.value).toBe(1);
    // The create (and the system namespaces at start-up) were appended to the log.
    expect(samplesOf(metrics, 'kubesim_log_append_duration_seconds_count')[0]?.value).toBeGreaterThanOrEqual(1);
    expect(samplesOf(metrics, 'kubesim_projection_applied_seq')[0]?.value).toBeGreaterThan(0);
    expect(samplesOf(metrics, 'kubesim_projection_lag_records')[0]?.value).toBe(0);
    expect(samplesOf(metrics, 'process_cpu_seconds_total')).toHaveLength(1);
  });

  describe('a component on KUBESIM_METRICS_PORT (here a kubelet identity)', () => {
    let app: INestApplicationContext;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      app = await NestFactory.createApplicationContext(ClusterClientModule.forRoot({ natsUrl: f.nats.url, by: 'kubelet/node-1', metricsPort: port }), { logger: false });
      await app.init();
    });
    afterAll(() => app?.close());

    it('serves the process, its projection and kubelet_running_pods on its own port; other paths are 404', async () => {
      const { metrics } = await scrape(`http://127.0.0.1:${port}/metrics`);
      expect(samplesOf(metrics, 'kubelet_running_pods')[0]?.value).toBe(0);
      expect(samplesOf(metrics, 'kubelet_running_containers', { container_state: 'running' })[0]?.value).toBe(0);
      expect(samplesOf(metrics, 'kubesim_projection_applied_seq')[0]?.value).toBeGreaterThan(0);
      expect(metrics.types.get('process_resident_memory_bytes')).toBe('gauge');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    });
  });
});

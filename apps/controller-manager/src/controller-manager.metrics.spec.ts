import { Registry } from 'prom-client';
import { ControllerManagerMetrics } from './controller-manager.metrics';

describe("the controller-manager's workqueue_depth", () => {
  it('is one series per controller that has a queue, read at scrape time', async () => {
    const registry = new Registry();
    const rs = { queueName: 'replicaset-controller', depth: 0 };
    const job = { queueName: 'job-controller', depth: 2 };
    const nodeLifecycle = { monitor: () => undefined };
    new ControllerManagerMetrics(registry, [rs, nodeLifecycle, job]);
    rs.depth = 3;
    const text = await registry.metrics();
    expect(text).toContain('workqueue_depth{name="replicaset-controller"} 3');
    expect(text).toContain('workqueue_depth{name="job-controller"} 2');
    expect(text.match(/^workqueue_depth\{/gm)).toHaveLength(2);
  });
});

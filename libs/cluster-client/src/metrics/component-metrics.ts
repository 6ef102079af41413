import type { Pod } from '@kubesim/api';
import type { EventLog, Projection } from '@kubesim/eventlog';
import { collectDefaultMetrics, Gauge, type Registry } from 'prom-client';

/**
 * What every component reports: the process (upstream's `process_*` and Node's `nodejs_*`), and
 * kubesim's own view of the log — the last sequence its projection applied and how far behind the
 * stream it is (`kubesim_projection_lag_records`, asked of JetStream at scrape time). A kubelet
 * (`by` = `kubelet/NODE`) also reports `kubelet_running_pods` and `kubelet_running_containers`,
 * counted from its projection: the pods bound to its node in phase Running, and their containers
 * in state running.
 */
export function registerComponentMetrics(registry: Registry, o: { by: string; projection: Projection; log: EventLog }): void {
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'kubesim_projection_applied_seq',
    help: 'Last sequence of the event log applied to this component’s projection.',
    registers: [registry],
    collect() {
      this.set(o.projection.seq);
    },
  });
  new Gauge({
    name: 'kubesim_projection_lag_records',
    help: 'Records in the event log this component’s projection has not applied yet.',
    registers: [registry],
    async collect() {
      this.set(Math.max(0, (await o.log.lastSeq()) - o.projection.seq));
    },
  });
  const node = o.by.startsWith('kubelet/') ? o.by.slice('kubelet/'.length) : undefined;
  if (node === undefined) return;
  const onNode = () => [...o.projection.store.list('Pod')].filter((p) => (p as Pod).spec.nodeName === node) as Pod[];
  new Gauge({
    name: 'kubelet_running_pods',
    help: 'Number of pods that have a running pod sandbox.',
    registers: [registry],
    collect() {
      this.set(onNode().filter((p) => p.status.phase === 'Running').length);
    },
  });
  new Gauge({
    name: 'kubelet_running_containers',
    help: 'Number of containers currently running.',
    labelNames: ['container_state'],
    registers: [registry],
    collect() {
      const running = onNode().reduce((n, p) => n + (p.status.containerStatuses ?? []).filter((c) => c.state?.running).length, 0);
      this.set({ container_state: 'running' }, running);
    },
  });
}

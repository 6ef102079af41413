import { Inject, Injectable } from '@nestjs/common';
import { registerComponentMetrics } from '@kubesim/cluster-client';
import { EventLog, Projection } from '@kubesim/eventlog';
import type { NextFunction, Request, Response } from 'express';
import { Counter, exponentialBuckets, Histogram, Registry } from 'prom-client';
import { requestAttributes } from './request-attributes';

/** Upstream's buckets for apiserver_request_duration_seconds. */
const REQUEST_BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];
const LABELS = ['verb', 'dry_run', 'group', 'version', 'resource', 'subresource', 'scope', 'component'] as const;

/**
 * kube-apiserver's request metrics under upstream's names and labels
 * (`apiserver_request_total` with `code`, `apiserver_request_duration_seconds`), kubesim's
 * `kubesim_log_append_duration_seconds` (one append to the JetStream log, until its ack), and what
 * every component reports (process, projection lag).
 */
@Injectable()
export class ApiserverMetrics {
  private readonly requests: Counter<(typeof LABELS)[number] | 'code'>;
  private readonly durations: Histogram<(typeof LABELS)[number]>;
  private readonly appends: Histogram;

  constructor(@Inject(Registry) registry: Registry, @Inject(Projection) projection: Projection, @Inject(EventLog) log: EventLog) {
    registerComponentMetrics(registry, { by: 'apiserver', projection, log });
    this.requests = new Counter({
      name: 'apiserver_request_total',
      help: 'Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
      labelNames: [...LABELS, 'code'],
      registers: [registry],
    });
    this.durations = new Histogram({
      name: 'apiserver_request_duration_seconds',
      help: 'Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
      labelNames: [...LABELS],
      buckets: REQUEST_BUCKETS,
      registers: [registry],
    });
    this.appends = new Histogram({
      name: 'kubesim_log_append_duration_seconds',
      help: 'Time from publishing one record to the event log (JetStream) to its acknowledgement.',
      buckets: exponentialBuckets(0.0005, 2, 14),
      registers: [registry],
    });
  }

  /** Express middleware: labels each request when its response ends (or its connection closes: watches). */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const a = requestAttributes(req.method, req.originalUrl ?? req.url, String(req.headers['content-type'] ?? ''));
      const labels = { verb: a.verb, dry_run: a.dryRun, group: a.group, version: a.version, resource: a.resource, subresource: a.subresource, scope: a.scope, component: 'apiserver' };
      this.requests.inc({ ...labels, code: String(res.statusCode) });
      this.durations.observe(labels, (performance.now() - started) / 1000);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };

  observeAppend(seconds: number): void {
    this.appends.observe(seconds);
  }
}

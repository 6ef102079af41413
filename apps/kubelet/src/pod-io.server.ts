import type { Logger } from '@nestjs/common';
import { kubeletSubject, type NodeRuntimeReply, type Pod, type PodExecReply, type PodExecRequest, type PodLogReply, type PodLogRequest, type Status } from '@kubesim/api';
import type { NatsConnection, Subscription } from 'nats';
import { ExecStreamServer } from './exec-stream.server';
import { execReply, readLogs, startExec } from './sync/pod-io';
import type { PodRuntime } from './sync/pod-runtime';

type Lookup = (namespace: string, name: string) => { pod: Pod; runtime: PodRuntime; kick: () => void } | undefined;

/** How long (wall clock) an exec may run before the kubelet answers with what it has. */
export const EXEC_TIMEOUT_MS = 60_000;

const notFound = (name: string): Status => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `pods "${name}" not found`, reason: 'NotFound', code: 404 });

/**
 * The kubelet's streaming endpoints, over NATS request/reply: container logs (answered from
 * memory), exec (a process run in the container on the simulated clock, in real time) and the
 * runtime's listing (`kubesim node ps`, as crictl asks containerd). Streaming exec sessions: ExecStreamServer.
 */
export class PodIoServer {
  private readonly subs: Subscription[];
  private readonly streams: ExecStreamServer;

  constructor(
    nc: NatsConnection,
    node: string,
    private readonly lookup: Lookup,
    private readonly logger: Logger,
    /** `kubesim node ps`: the sandboxes and containers of the node's runtime. */
    private readonly listing: () => NodeRuntimeReply = () => ({ sandboxes: [], containers: [] }),
  ) {
    this.streams = new ExecStreamServer(nc, node, lookup, logger);
    const json = <T>(data: Uint8Array) => JSON.parse(new TextDecoder().decode(data)) as T;
    const reply = (m: { respond(d: Uint8Array): boolean }, body: unknown) => m.respond(new TextEncoder().encode(JSON.stringify(body)));
    this.subs = [
      nc.subscribe(kubeletSubject(node, 'ps'), { callback: (_e, m) => void reply(m, this.listing()) }),
      nc.subscribe(kubeletSubject(node, 'logs'), { callback: (_e, m) => void reply(m, this.logs(json<PodLogRequest>(m.data))) }),
      nc.subscribe(kubeletSubject(node, 'exec'), {
        callback: (_e, m) =>
          void this.exec(json<PodExecRequest>(m.data)).then(
            (r) => reply(m, r),
            (e) => this.logger.error(`exec: ${e instanceof Error ? e.message : e}`),
          ),
      }),
    ];
  }

  close() {
    for (const s of this.subs) s.unsubscribe();
    this.streams.close();
  }

  private logs(req: PodLogRequest): PodLogReply {
    const found = this.lookup(req.namespace, req.name);
    if (!found || found.pod.metadata.uid !== req.uid) return { ok: false, status: notFound(req.name) };
    found.runtime.catchUp(Date.now());
    return readLogs(found.pod, found.runtime, req, Date.now());
  }

  private async exec(req: PodExecRequest): Promise<PodExecReply> {
    const found = this.lookup(req.namespace, req.name);
    if (!found || found.pod.metadata.uid !== req.uid) return { ok: false, status: notFound(req.name) };
    found.runtime.catchUp(Date.now());
    const session = startExec(found.pod, found.runtime, req.container, req.command, Date.now(), req.stdin);
    if ('ok' in session) return session;
    const deadline = Date.now() + EXEC_TIMEOUT_MS;
    for (;;) {
      session.proc.advance(Date.now());
      if (session.proc.exit || Date.now() >= deadline) break;
      const next = session.proc.nextWakeAt ?? Date.now() + 1000;
      await new Promise((r) => setTimeout(r, Math.min(Math.max(0, next - Date.now()), deadline - Date.now())));
    }
    // The command may have changed what the container's probes see: sync the pod now.
    found.kick();
    return execReply(session);
  }
}

import { connectNats, EventLog, type StoredRecord } from '@kubesim/eventlog';
import { Store } from '@kubesim/core';
import { readFileSync } from 'node:fs';
import type { KubeClient } from '@kubesim/kube-rest';
import { clusterTables } from '../replay/cluster-at';
import { parsePoint, recordTime, selectsEntry, upTo, type TimelineFilter } from '@kubesim/replay';
import { parseLogFile } from '@kubesim/replay';
import { formatManagerWrites, formatRow, formatTimeline, ManagerWrites, perPod, TIMELINE_HEADER, TimelineBuilder, timelineRow, type ManagerWrite, type TimelineEntry } from '@kubesim/replay';
import { verifyAgainstLive } from '../replay/verify-live';

export interface ReplayOptions {
  natsUrl: string;
  stream: string;
  file?: string;
  pod?: string;
  node?: string;
  namespace?: string;
  since?: string;
  until?: string;
  at?: string;
  follow?: boolean;
  speed?: number;
  verify?: boolean;
  /** Only the writes of this field manager, to objects of every kind. */
  manager?: string;
}

/** Fixed widths for rows printed one at a time (`--follow`, `--speed`). */
const STREAM_WIDTHS = [24, 28, 9, 18, 8, 40, 16];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `kubesim replay`: the story of every pod from the log (live stream or `--file`), the cluster at
 * a point (`--at`), or a check that the log rebuilds the apiserver's state (`--verify`).
 * Returns the exit code; output is written as it is produced.
 */
export async function replayCommand(o: ReplayOptions, client: () => KubeClient, out: (s: string) => void): Promise<number> {
  const filter: TimelineFilter = {
    pod: o.pod,
    node: o.node,
    namespace: o.namespace,
    since: o.since === undefined ? undefined : parsePoint(o.since, '--since'),
    until: o.until === undefined ? undefined : parsePoint(o.until, '--until'),
  };
  const at = o.at === undefined ? undefined : parsePoint(o.at, '--at');
  if (o.file && o.follow) throw new Error('--follow reads the live stream: it cannot be used with --file');

  const fileRecords = o.file ? parseLogFile(readFileSync(o.file, 'utf8')) : undefined;
  let log: EventLog | undefined;
  const openLog = async () => {
    if (log) return log;
    const nc = await connectNats(o.natsUrl, 'kubesim-replay', { once: true }).catch(() => {
      throw new Error(`cannot reach nats-server at ${o.natsUrl} (is the cluster up? pass --nats-url or --file)`);
    });
    log = await EventLog.open(nc, o.stream);
    return log;
  };
  const records = async (): Promise<StoredRecord[]> => fileRecords ?? (await openLog()).readAll();

  try {
    if (o.verify) {
      const r = await verifyAgainstLive(client(), async () => records());
      out(r.out);
      return r.ok ? 0 : 1;
    }
    if (at) {
      const store = new Store();
      let last: StoredRecord | undefined;
      for (const r of await records()) {
        if (!upTo(at, r)) break;
        store.apply(r.seq, r.record);
        last = r;
      }
      const now = last ? recordTime(last) : Date.now();
      out(`The cluster at seq ${store.seq}${last ? ` (${new Date(now).toISOString()})` : ''}:\n\n${clusterTables(store, now)}`);
      return 0;
    }

    if (o.manager !== undefined) {
      const writes = new ManagerWrites(o.manager);
      const rows: ManagerWrite[] = [];
      const window = { since: filter.since, until: filter.until };
      const inWindow = (w: ManagerWrite) => selectsEntry(window, { seq: w.seq, at: w.at, namespace: '', pod: '', uid: '', phase: '', status: '', node: '', cause: '', by: '' });
      for (const r of await records()) rows.push(...writes.apply(r).filter(inWindow));
      out(rows.length ? formatManagerWrites(rows) : `No writes by field manager ${o.manager} in the log.\n`);
      return 0;
    }

    const builder = new TimelineBuilder();
    const selected = (r: StoredRecord) => builder.apply(r).filter((e) => selectsEntry(filter, e));
    const stream = o.follow || o.speed !== undefined;
    if (!stream) {
      const entries: TimelineEntry[] = [];
      for (const r of await records()) entries.push(...selected(r));
      out(entries.length ? formatTimeline(perPod(entries)) : 'No pod phase or status changes in the log.\n');
      return 0;
    }

    out(formatRow(TIMELINE_HEADER, STREAM_WIDTHS));
    let prevAt: number | undefined;
    const print = async (entries: TimelineEntry[], paced: boolean) => {
      for (const e of entries) {
        const t = Date.parse(e.at);
        if (paced && o.speed && prevAt !== undefined && t > prevAt) await sleep((t - prevAt) / o.speed);
        prevAt = t;
        out(formatRow(timelineRow(e), STREAM_WIDTHS));
      }
    };
    const history = await records();
    for (const r of history) await print(selected(r), true);
    if (!o.follow) return 0;
    const l = await openLog();
    let chain = Promise.resolve();
    const follower = await l.follow((history[history.length - 1]?.seq ?? 0) + 1, (r) => {
      chain = chain.then(() => print(selected(r), false));
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      void follower.done.then(resolve);
    });
    await follower.stop();
    return 0;
  } finally {
    await log?.nc.close();
  }
}

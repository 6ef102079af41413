import { connectNats, EventLog } from '@kubesim/eventlog';
import { formatLine } from '@kubesim/replay';

/**
 * `kubesim export [--since SEQ]`: the log as JSON lines (one stream message per line, with its
 * sequence, time, subject, schema version and events), from `since` (default 1) to the end as it
 * was when the export started.
 */
export async function exportCommand(o: { natsUrl: string; stream: string; since: number }, out: (s: string) => Promise<void> | void): Promise<number> {
  const nc = await connectNats(o.natsUrl, 'kubesim-export', { once: true }).catch(() => {
    throw new Error(`cannot reach nats-server at ${o.natsUrl} (is the cluster up? pass --nats-url)`);
  });
  try {
    const log = await EventLog.open(nc, o.stream);
    const target = await log.lastSeq();
    let n = 0;
    if (target >= o.since) {
      let chain: Promise<void> = Promise.resolve();
      const f = await log.follow(o.since, (r) => {
        if (r.seq > target) return;
        n++;
        chain = chain.then(() => out(formatLine(r)));
      });
      await f.caughtUp;
      await f.stop();
      await chain;
    }
    return n;
  } finally {
    await nc.close();
  }
}

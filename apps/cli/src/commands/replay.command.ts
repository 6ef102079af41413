import { connectNats, EventLog } from '@kubesim/eventlog';
import { formatTimeline, timeline } from '../replay/timeline';

/** `kubesim replay`: the pod phase timeline, read straight from the stream. */
export async function replayCommand(natsUrl: string, stream: string): Promise<string> {
  const nc = await connectNats(natsUrl, 'kubesim-replay', { once: true }).catch(() => {
    throw new Error(`cannot reach nats-server at ${natsUrl} (is the cluster up? pass --nats-url)`);
  });
  try {
    const log = await EventLog.open(nc, stream);
    const records = await log.readAll();
    const entries = timeline(records);
    return entries.length ? formatTimeline(entries) : 'No pod phase changes in the log.\n';
  } finally {
    await nc.close();
  }
}

import { kubeletSubject, type NodeRuntimeReply } from '@kubesim/api';
import { connectNats } from '@kubesim/eventlog';
import { printNodeRuntime } from './node-ps.printer';

/** How long a kubelet gets to answer. */
const ANSWER_MS = 5000;

/**
 * `kubesim node ps NODE`: what the node's container runtime holds, as `crictl pods` and
 * `crictl ps -a` print it on the node — every pod's sandbox (pause), created before its containers.
 */
export async function nodePsCommand(natsUrl: string, name: string, o: { pod?: string }): Promise<string> {
  const nc = await connectNats(natsUrl, 'kubesim-node-ps', { once: true }).catch(() => {
    throw new Error(`error: cannot reach nats-server at ${natsUrl} (is the cluster up? pass --nats-url)`);
  });
  try {
    const m = await nc.request(kubeletSubject(name, 'ps'), new Uint8Array(), { timeout: ANSWER_MS }).catch(() => {
      throw new Error(`error: the kubelet of ${name} did not answer: is ${name} a node of this cluster, and is its kubelet running? (kubesim node start ${name})`);
    });
    return printNodeRuntime(JSON.parse(new TextDecoder().decode(m.data)) as NodeRuntimeReply, Date.now(), o.pod);
  } finally {
    await nc.close();
  }
}

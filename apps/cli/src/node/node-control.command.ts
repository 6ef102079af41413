import { controlSocket, sendControl } from '@kubesim/cluster-client';
import type { NodeRequest } from '../up/node-manager';

/** `kubesim node start|stop|partition|heal|add`: asks the running `kubesim up` through its control socket. */
export async function nodeControlCommand(dataDir: string, request: NodeRequest): Promise<string> {
  const r = await sendControl(controlSocket(dataDir), request);
  if (!r.ok) throw new Error(`error: ${r.error}`);
  return r.message + '\n';
}

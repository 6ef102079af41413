import { AUTHORIZATION_FILE, BrokerAuth } from '@kubesim/eventlog';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BrokerAuthOptions {
  /** Where the users (`<dir>/nats-auth/*.json`) and the server's config (`<dir>/nats.conf`) go. */
  dir: string;
  /** The kubelets' nodes, one user each. */
  nodes: string[];
  /** A user for kubelet pools whose nodes are not known in advance (`kubelet-pools`). */
  pools: boolean;
  /** The server's JetStream store. */
  storeDir: string;
}

/**
 * `kubesim broker-auth`: the broker users and the nats-server config `kubesim up` makes, for a
 * cluster started another way (compose's first start, into its volume). Passwords already there are kept.
 */
export function brokerAuthCommand(o: BrokerAuthOptions): string {
  const auth = new BrokerAuth(o.dir);
  for (const kind of ['apiserver', 'admin', 'scheduler', 'controller-manager', 'dashboard', 'cli'] as const) auth.user({ kind });
  for (const node of o.nodes) auth.user({ kind: 'kubelet', nodes: [node] });
  if (o.pools) auth.user({ kind: 'kubelet-pools' });
  auth.writeConfig();
  const config = join(o.dir, 'nats.conf');
  writeFileSync(config, `include "nats-auth/${AUTHORIZATION_FILE}"\njetstream {\n  store_dir: ${JSON.stringify(o.storeDir)}\n}\n`, { mode: 0o600 });
  return `broker users in ${join(o.dir, 'nats-auth')}; nats-server config ${config}\n`;
}

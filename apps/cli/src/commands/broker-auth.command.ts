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
  const include = `include "nats-auth/${AUTHORIZATION_FILE}"\n`;
  const config = join(o.dir, 'nats.conf');
  writeFileSync(config, `${include}jetstream {\n  store_dir: ${JSON.stringify(o.storeDir)}\n}\n`, { mode: 0o600 });
  // docker-compose.r3.yml's servers (nats 2.10): an acknowledged write is on disk on a majority (sync_interval: always).
  writeFileSync(join(o.dir, 'nats-r3.conf'), `${include}jetstream {\n  store_dir: ${JSON.stringify(o.storeDir)}\n  sync_interval: always\n}\nhttp_port: 8222\n`, { mode: 0o600 });
  // The same for a server before 2.10 (Debian's 2.9, the local stand-in image), which refuses
  // sync_interval and fsyncs lazily: docker/nats-r3-start.sh picks the one its server accepts.
  writeFileSync(join(o.dir, 'nats-r3-2.9.conf'), `${include}jetstream {\n  store_dir: ${JSON.stringify(o.storeDir)}\n}\nhttp_port: 8222\n`, { mode: 0o600 });
  return `broker users in ${join(o.dir, 'nats-auth')}; nats-server config ${config} (nats-r3.conf for a JetStream cluster)\n`;
}

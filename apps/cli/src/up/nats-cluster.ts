import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildSpec } from './supervisor';

/** One nats-server of `kubesim up`. */
export interface NatsServerPlan {
  /** Its child's name: `nats` alone, `nats-1` … in a cluster (also its JetStream server name). */
  name: string;
  clientPort: number;
  /** Its route port on loopback, in a cluster. */
  clusterPort?: number;
  storeDir: string;
}

export const CLUSTER_NAME = 'kubesim';

/**
 * The nats-servers of `kubesim up --nats-replicas N`: one (as always, store `D/jetstream`), or a
 * JetStream cluster of N on loopback (store `D/jetstream-nats-i`), the first on `--nats-port`.
 * `ports` gives the other client ports and the route ports (N - 1 + N of them).
 */
export function planNats(dataDir: string, replicas: number, natsPort: number, ports: number[]): NatsServerPlan[] {
  if (replicas === 1) return [{ name: 'nats', clientPort: natsPort, storeDir: join(dataDir, 'jetstream') }];
  if (ports.length < 2 * replicas - 1) throw new Error(`${2 * replicas - 1} free ports are needed for ${replicas} nats-servers`);
  return Array.from({ length: replicas }, (_, i) => ({
    name: `nats-${i + 1}`,
    clientPort: i === 0 ? natsPort : ports[i - 1],
    clusterPort: ports[replicas - 1 + i],
    storeDir: join(dataDir, `jetstream-nats-${i + 1}`),
  }));
}

/** `nats-server: v2.10.7` → whether it has JetStream's `sync_interval` (2.10 on; Debian's 2.9.10 has not). */
export function hasSyncInterval(versionOutput: string): boolean {
  const m = /v(\d+)\.(\d+)/.exec(versionOutput);
  return Boolean(m && (Number(m[1]) > 2 || (Number(m[1]) === 2 && Number(m[2]) >= 10)));
}

/** The config file that makes a server fsync before it acknowledges a write (where `sync_interval` exists). */
export const syncAlwaysConfig = (s: NatsServerPlan) => `jetstream {\n  store_dir: ${JSON.stringify(s.storeDir)}\n  sync_interval: always\n}\n`;

/**
 * A server's config file: the broker users (`authorization`, a file of the data dir included by
 * its path relative to this file's directory), JetStream and, where the server has it, fsync before
 * acknowledging. JetStream is in the file, not only on the command line: a reload (SIGHUP, when
 * `kubesim node add` adds a user) applies the file and would otherwise shut JetStream down.
 */
export const serverConfig = (s: NatsServerPlan, o: { syncAlways: boolean; authorization?: string }) =>
  (o.authorization ? `include ${JSON.stringify(o.authorization)}\n` : '') + (o.syncAlways ? syncAlwaysConfig(s) : `jetstream {\n  store_dir: ${JSON.stringify(s.storeDir)}\n}\n`);

/**
 * The child processes; in a cluster each routes to all the others and tells clients of no other
 * server (they are given every URL). `configOf`: a server's config file (sync_interval), if any.
 */
export function natsServerSpecs(bin: string, plan: NatsServerPlan[], configOf?: (s: NatsServerPlan) => string): ChildSpec[] {
  return plan.map((s) => {
    // With a config file, JetStream and its store are in it (serverConfig): `-sd` as well is a duplicate.
    const args = [...(configOf ? ['-c', configOf(s)] : []), '-js', '-a', '127.0.0.1', '-p', String(s.clientPort), ...(configOf ? [] : ['-sd', s.storeDir])];
    if (s.clusterPort !== undefined) {
      const routes = plan.filter((o) => o !== s).map((o) => `nats://127.0.0.1:${o.clusterPort}`);
      args.push('--server_name', s.name, '--cluster_name', CLUSTER_NAME, '--cluster', `nats://127.0.0.1:${s.clusterPort}`, '--routes', routes.join(','), '--no_advertise');
    }
    return { name: s.name, command: bin, args, env: {}, restart: true };
  });
}

/** What every component is given as KUBESIM_NATS_URL: every server. */
export const natsUrlOfPlan = (plan: NatsServerPlan[]): string => plan.map((s) => `nats://127.0.0.1:${s.clientPort}`).join(',');

const holdsData = (dir: string) => existsSync(dir) && readdirSync(dir).length > 0;

/** A data dir keeps the broker layout it was created with: a message when `replicas` does not match it. */
export function layoutMismatch(dataDir: string, replicas: number): string | undefined {
  const single = holdsData(join(dataDir, 'jetstream'));
  const clustered = existsSync(dataDir) && readdirSync(dataDir).some((f) => /^jetstream-nats-\d+$/.test(f) && holdsData(join(dataDir, f)));
  if (replicas > 1 && single) return `${dataDir} holds the event log of a single nats-server (jetstream/): it cannot be started with --nats-replicas ${replicas}; use a new --data-dir`;
  if (replicas === 1 && clustered) return `${dataDir} holds the event log of a nats-server cluster (jetstream-nats-*/): start it with --nats-replicas 3`;
  return undefined;
}

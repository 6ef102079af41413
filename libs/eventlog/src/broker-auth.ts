import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNatsCredentials } from './nats-credentials';
import { authorizationConfig, brokerUserName, type BrokerRole, type BrokerUser } from './broker-permissions';

/** The broker users' directory in a data dir: one credentials file per user and the server's authorization block, all 0600. */
export const brokerAuthDir = (dataDir: string) => join(dataDir, 'nats-auth');
/** A user's credentials file (what a component is given as KUBESIM_NATS_CREDENTIALS). */
export const credentialsFile = (dataDir: string, user: string) => join(brokerAuthDir(dataDir), `${user}.json`);
export const AUTHORIZATION_FILE = 'authorization.conf';

const writePrivate = (file: string, text: string) => {
  writeFileSync(file + '.tmp', text, { mode: 0o600 });
  chmodSync(file + '.tmp', 0o600);
  renameSync(file + '.tmp', file);
};

/**
 * The broker users of a data dir: each one's password is made once (random, 32 bytes) and kept,
 * so a restarted `kubesim up` (or a kubelet that outlives it) still connects.
 */
export class BrokerAuth {
  private readonly users = new Map<string, BrokerUser>();

  constructor(private readonly dataDir: string) {
    mkdirSync(brokerAuthDir(dataDir), { recursive: true, mode: 0o700 });
    chmodSync(brokerAuthDir(dataDir), 0o700);
  }

  /** Adds a user for `role` (its password made on first use) and returns its credentials file. */
  user(role: BrokerRole): string {
    const user = brokerUserName(role);
    const file = credentialsFile(this.dataDir, user);
    const password = existsSync(file) ? readNatsCredentials(file).password : randomBytes(32).toString('hex');
    if (!existsSync(file)) writePrivate(file, JSON.stringify({ user, password }) + '\n');
    this.users.set(user, { user, password, role });
    return file;
  }

  /** Writes the authorization block of every user added so far; whether it changed (a running server must reload it). */
  writeConfig(): boolean {
    const file = join(brokerAuthDir(this.dataDir), AUTHORIZATION_FILE);
    const text = authorizationConfig([...this.users.values()]);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
    writePrivate(file, text);
    return true;
  }
}

/**
 * A CLI command against the cluster of `dataDir` talks to its broker as `user` (the CLI's own by
 * default): its credentials file becomes $KUBESIM_NATS_CREDENTIALS unless that is set already.
 */
export function useClusterCredentials(dataDir: string, user = 'cli'): void {
  const file = credentialsFile(dataDir, user);
  if (!process.env.KUBESIM_NATS_CREDENTIALS && existsSync(file)) process.env.KUBESIM_NATS_CREDENTIALS = file;
}

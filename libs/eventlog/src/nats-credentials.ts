import { readFileSync } from 'node:fs';

/** A broker user's credentials, as `kubesim up` writes them (`<data-dir>/nats-auth/<user>.json`, 0600). */
export interface NatsCredentials {
  user: string;
  password: string;
}

/** The file a component reads its broker credentials from (unset: it connects anonymously, as to a test's server). */
export const NATS_CREDENTIALS_ENV = 'KUBESIM_NATS_CREDENTIALS';

/** Where a user's replies arrive: its own inbox prefix, so that no other user can read them (permissions allow only its own). */
export const inboxPrefixOf = (user: string) => `_INBOX_${user}`;

export function readNatsCredentials(file: string): NatsCredentials {
  const c = JSON.parse(readFileSync(file, 'utf8')) as Partial<NatsCredentials>;
  if (typeof c.user !== 'string' || typeof c.password !== 'string') throw new Error(`${file}: not a kubesim NATS credentials file ({"user", "password"})`);
  return { user: c.user, password: c.password };
}

/**
 * The connection options (nats.js and Nest's NATS transport take the same) for the credentials in
 * `file` (default: $KUBESIM_NATS_CREDENTIALS): user, password and the user's inbox prefix.
 */
export function natsAuthOptions(file: string | undefined = process.env[NATS_CREDENTIALS_ENV]): { user?: string; pass?: string; inboxPrefix?: string } {
  if (!file) return {};
  const c = readNatsCredentials(file);
  return { user: c.user, pass: c.password, inboxPrefix: inboxPrefixOf(c.user) };
}

import { spawnSync } from 'node:child_process';

/** `nats-server --version`'s output ('' when it does not run). */
export const natsServerVersion = (bin: string): string => spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout ?? '';

/** Finds nats-server; installs Debian's package when running as root; otherwise says how. */
export function ensureNatsServer(log: (s: string) => void): string {
  const bin = process.env.KUBESIM_NATS_SERVER ?? 'nats-server';
  const ok = () => spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0;
  if (ok()) return bin;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
    log('nats-server not found: installing it (apt-get install -y nats-server)…');
    spawnSync('apt-get', ['install', '-y', 'nats-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (ok()) return bin;
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', 'nats-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (ok()) return bin;
  }
  throw new Error(
    "nats-server (with JetStream) is required and was not found.\n  Debian/Ubuntu: sudo apt-get install -y nats-server\n  Other systems: https://docs.nats.io/running-a-nats-service/introduction/installation\n  Or set KUBESIM_NATS_SERVER to its path.",
  );
}

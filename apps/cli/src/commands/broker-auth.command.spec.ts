import { readNatsCredentials } from '@kubesim/eventlog';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerAuthCommand } from './broker-auth.command';

describe('kubesim broker-auth: the users and server config for compose’s first start', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ks-broker-auth-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one 0600 credentials file per component and node, and a config that includes them with JetStream', () => {
    brokerAuthCommand({ dir, nodes: ['node-1', 'node-2'], pools: true, storeDir: '/data' });
    for (const user of ['apiserver', 'admin', 'scheduler', 'controller-manager', 'dashboard', 'cli', 'kubelet-node-1', 'kubelet-node-2', 'kubelet-pools']) {
      const file = join(dir, 'nats-auth', `${user}.json`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readNatsCredentials(file).user).toBe(user);
    }
    expect(readFileSync(join(dir, 'nats.conf'), 'utf8')).toBe('include "nats-auth/authorization.conf"\njetstream {\n  store_dir: "/data"\n}\n');
    expect(readFileSync(join(dir, 'nats-r3.conf'), 'utf8')).toContain('sync_interval: always');
    expect(readFileSync(join(dir, 'nats-auth', 'authorization.conf'), 'utf8').match(/"user":/g)).toHaveLength(9);
  });

  it('keeps the passwords of a second start (the components already hold them)', () => {
    brokerAuthCommand({ dir, nodes: ['node-1'], pools: false, storeDir: '/data' });
    const first = readNatsCredentials(join(dir, 'nats-auth', 'kubelet-node-1.json')).password;
    brokerAuthCommand({ dir, nodes: ['node-1'], pools: false, storeDir: '/data' });
    expect(readNatsCredentials(join(dir, 'nats-auth', 'kubelet-node-1.json')).password).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasSyncInterval, layoutMismatch, natsServerSpecs, natsUrlOfPlan, planNats, serverConfig, syncAlwaysConfig } from './nats-cluster';

describe('the nats-servers of kubesim up', () => {
  it('given one replica: a single nats-server on --nats-port, its store in D/jetstream, as always', () => {
    const plan = planNats('/d', 1, 4222, []);
    expect(natsServerSpecs('nats-server', plan)).toEqual([{ name: 'nats', command: 'nats-server', args: ['-js', '-a', '127.0.0.1', '-p', '4222', '-sd', '/d/jetstream'], env: {}, restart: true }]);
    expect(natsUrlOfPlan(plan)).toBe('nats://127.0.0.1:4222');
  });

  it('given three replicas: a JetStream cluster on loopback, each server routed to the two others, clients told of none', () => {
    const plan = planNats('/d', 3, 4222, [5001, 5002, 6001, 6002, 6003]);
    const specs = natsServerSpecs('nats-server', plan);
    expect(specs.map((s) => s.name)).toEqual(['nats-1', 'nats-2', 'nats-3']);
    expect(specs[1].args).toEqual([
      '-js', '-a', '127.0.0.1', '-p', '5001', '-sd', '/d/jetstream-nats-2',
      '--server_name', 'nats-2', '--cluster_name', 'kubesim', '--cluster', 'nats://127.0.0.1:6002', '--routes', 'nats://127.0.0.1:6001,nats://127.0.0.1:6003', '--no_advertise',
    ]);
    expect(natsUrlOfPlan(plan)).toBe('nats://127.0.0.1:4222,nats://127.0.0.1:5001,nats://127.0.0.1:5002');
  });

  it('on nats-server 2.10 and later, each server reads a config that fsyncs before acknowledging; not on 2.9', () => {
    expect(hasSyncInterval('nats-server: v2.9.10')).toBe(false);
    expect(hasSyncInterval('nats-server: v2.10.7')).toBe(true);
    expect(hasSyncInterval('nats-server: v2.11.0')).toBe(true);
    const plan = planNats('/d', 1, 4222, []);
    expect(syncAlwaysConfig(plan[0])).toBe('jetstream {\n  store_dir: "/d/jetstream"\n  sync_interval: always\n}\n');
    expect(natsServerSpecs('nats-server', plan, (s) => `/d/${s.name}.conf`)[0].args).toEqual(['-c', '/d/nats.conf', '-js', '-a', '127.0.0.1', '-p', '4222']);
  });

  it('refuses to start a data dir with another broker layout than the one it was created with', () => {
    const d = mkdtempSync(join(tmpdir(), 'ks-nats-'));
    expect(layoutMismatch(d, 3)).toBeUndefined();
    mkdirSync(join(d, 'jetstream'));
    writeFileSync(join(d, 'jetstream', 'x'), '');
    expect(layoutMismatch(d, 1)).toBeUndefined();
    expect(layoutMismatch(d, 3)).toMatch(/single nats-server .*--nats-replicas 3; use a new --data-dir/);
    const c = mkdtempSync(join(tmpdir(), 'ks-nats-'));
    mkdirSync(join(c, 'jetstream-nats-1'));
    writeFileSync(join(c, 'jetstream-nats-1', 'x'), '');
    expect(layoutMismatch(c, 1)).toMatch(/start it with --nats-replicas 3/);
  });

  it('a server’s config includes the broker users and names JetStream itself, so that a reload (SIGHUP) keeps it on', () => {
    const [s] = planNats('/d', 1, 4222, []);
    expect(serverConfig(s, { syncAlways: false, authorization: 'nats-auth/authorization.conf' })).toBe('include "nats-auth/authorization.conf"\njetstream {\n  store_dir: "/d/jetstream"\n}\n');
    expect(serverConfig(s, { syncAlways: true, authorization: 'nats-auth/authorization.conf' })).toBe('include "nats-auth/authorization.conf"\n' + syncAlwaysConfig(s));
  });
});

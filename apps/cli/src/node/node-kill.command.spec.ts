import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlSocket } from '@kubesim/cluster-client';
import { nodeKillCommand } from './node-kill.command';

describe('kubesim node kill without a listening kubesim up', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kubesim-node-kill-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('kills the pid from cluster.json when the control socket is left over from a killed kubesim up', async () => {
    // A socket file nobody listens on any more: what a SIGKILLed `kubesim up` leaves behind.
    const up = spawn(process.execPath, ['-e', "require('net').createServer().listen(process.argv[1], () => console.log('listening'))", controlSocket(dir)]);
    await new Promise((r) => up.stdout.once('data', r));
    up.kill('SIGKILL');
    await new Promise((r) => up.once('exit', r));
    expect(existsSync(controlSocket(dir))).toBe(true);
    const kubelet = spawn('sleep', ['30']);
    const exited = new Promise<NodeJS.Signals | null>((r) => kubelet.once('exit', (_c, signal) => r(signal)));
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify({ server: '', natsUrl: '', pids: { 'kubelet-node-2': kubelet.pid } }));

    expect(await nodeKillCommand('node-2', dir)).toBe(`node/node-2 killed (kubelet pid ${kubelet.pid}, SIGKILL)\n`);
    expect(await exited).toBe('SIGKILL');
  });

  it('says there is no cluster when there is neither a socket nor cluster.json', async () => {
    await expect(nodeKillCommand('node-2', dir)).rejects.toThrow(`no cluster found in ${dir}`);
  });
});

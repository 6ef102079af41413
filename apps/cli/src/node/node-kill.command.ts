import { existsSync } from 'node:fs';
import { controlSocket } from '@kubesim/cluster-client';
import { readClusterFile } from '../up/up.command';
import { nodeControlCommand } from './node-control.command';

/**
 * `kubesim node kill NAME`: SIGKILL of that node's kubelet process; `kubesim up` does not restart
 * it. Sent to `kubesim up` (which records it in the log) when its control socket is there; else the
 * pid from cluster.json is killed directly, unrecorded.
 */
export async function nodeKillCommand(name: string, dataDir: string): Promise<string> {
  if (existsSync(controlSocket(dataDir))) {
    try {
      return await nodeControlCommand(dataDir, { op: 'kill', name });
    } catch (e) {
      // A socket left by a `kubesim up` that was itself killed: nobody listens; kill by pid.
      if ((e as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw e;
    }
  }
  const file = readClusterFile(dataDir);
  if (!file) throw new Error(`no cluster found in ${dataDir}: start one with 'kubesim up' (or pass --data-dir)`);
  const pool = Object.entries(file.pools ?? {}).find(([, nodes]) => nodes.includes(name))?.[0];
  if (pool) throw new Error(`node "${name}" is hosted by the kubelet pool ${pool} (pid ${file.pids[pool]}) and kubesim up does not answer: only the whole pool can be killed (kill -9 ${file.pids[pool]})`);
  const pid = file.pids[`kubelet-${name}`];
  if (!pid) throw new Error(`node "${name}" is not one of this cluster's kubelets (${Object.keys(file.pids).filter((k) => k.startsWith('kubelet-')).map((k) => k.slice(8)).join(', ')})`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    throw new Error(`the kubelet of ${name} (pid ${pid}) is not running`);
  }
  return `node/${name} killed (kubelet pid ${pid}, SIGKILL)\n`;
}

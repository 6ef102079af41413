import { connectNats, EventLog } from '@kubesim/eventlog';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LogFileError, parseLogFile } from '@kubesim/replay';
import { freePort } from '../up/free-port';
import { ensureNatsServer } from '../up/nats-binary';
import { readClusterFile } from '../up/up.command';

export interface ImportOptions {
  file: string;
  stream: string;
  /** Import into this nats-server; otherwise into `<dataDir>/jetstream` through a nats-server started for it. */
  natsUrl?: string;
  dataDir: string;
}

/**
 * `kubesim import FILE`: restores an exported log into an empty cluster, all or nothing. The file
 * is checked whole first (every line a record this kubesim reads, sequences 1, 2, 3 …): a bad line
 * is refused with its number and nothing is written. Records keep their sequences, so objects keep
 * their resourceVersions; `kubesim up` on the data dir then serves the imported cluster. The
 * cluster must not be running (its apiserver is the only writer of a live log).
 */
export async function importCommand(o: ImportOptions, log: (s: string) => void): Promise<string> {
  const records = parseLogFile(readFileSync(o.file, 'utf8'));
  if (records.length === 0) throw new Error(`${o.file}: no records to import`);
  records.forEach((r, i) => {
    if (r.seq !== i + 1) throw new LogFileError(i + 1, `seq ${r.seq} where ${i + 1} was expected: an import needs the whole log from seq 1 (export without --since)`);
  });

  let server: ChildProcess | undefined;
  let url = o.natsUrl;
  if (!url) {
    const running = readClusterFile(o.dataDir);
    if (running && alive(running.pids.nats)) throw new Error(`a cluster is running on ${o.dataDir}: import needs an empty, stopped cluster (use a new --data-dir)`);
    const port = await freePort();
    server = await startNats(ensureNatsServer(log), port, join(resolve(o.dataDir), 'jetstream'));
    url = `nats://127.0.0.1:${port}`;
  }
  const nc = await connectNats(url, 'kubesim-import', { once: true }).catch(() => {
    throw new Error(`cannot reach nats-server at ${url}`);
  });
  try {
    const eventLog = await EventLog.open(nc, o.stream);
    const existing = await eventLog.lastSeq();
    if (existing > 0) throw new Error(`the cluster is not empty: stream ${o.stream} holds ${existing} records; import needs an empty cluster`);
    try {
      await eventLog.restore(records);
    } catch (e) {
      await eventLog.destroy().catch(() => undefined);
      throw new Error(`import failed, nothing imported: ${e instanceof Error ? e.message : String(e)}`);
    }
    return `imported ${records.length} records (seq 1 to ${records[records.length - 1].seq})${o.natsUrl ? '' : `; start the cluster with: kubesim up --data-dir ${o.dataDir}`}\n`;
  } finally {
    await nc.close();
    if (server) await stop(server);
  }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function startNats(bin: string, port: number, storeDir: string): Promise<ChildProcess> {
  const p = spawn(bin, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((res, rej) => {
    let err = '';
    p.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('Server is ready')) res(p);
    });
    p.once('exit', (code) => rej(new Error(`nats-server exited with ${code}:\n${err}`)));
  });
}

function stop(p: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (p.exitCode !== null || p.signalCode !== null) return r();
    p.once('exit', () => r());
    p.kill('SIGTERM');
  });
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlSocket, sendControl } from '@kubesim/cluster-client';
import { serveControl } from './control-server';

describe('control socket', () => {
  it('carries a request to the handler and its answer or error back', async () => {
    const path = controlSocket(mkdtempSync(join(tmpdir(), 'ks-ctl-')));
    const server = await serveControl(path, async (r) => {
      if (r.name === 'node-9') throw new Error('node "node-9" is not one of this cluster\'s kubelets');
      return `${r.op} ${r.name}`;
    });
    try {
      expect(await sendControl(path, { op: 'partition', name: 'node-2' })).toEqual({ ok: true, message: 'partition node-2' });
      expect(await sendControl(path, { op: 'start', name: 'node-9' })).toEqual({ ok: false, error: 'node "node-9" is not one of this cluster\'s kubelets' });
    } finally {
      server.close();
    }
  });

  it('says so when no cluster runs', async () => {
    await expect(sendControl('/nonexistent/control.sock', { op: 'heal', name: 'node-2' })).rejects.toThrow(/no running cluster found/);
  });
});

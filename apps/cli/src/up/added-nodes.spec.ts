import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddedNodesFile } from './added-nodes';

describe('nodes.json: the nodes added with kubesim node add', () => {
  const fresh = () => new AddedNodesFile(mkdtempSync(join(tmpdir(), 'kubesim-nodes-')));

  it('is empty before any node is added', () => {
    expect(fresh().load()).toEqual([]);
  });

  it('keeps each node with its options, in the order added; adding a name again replaces it', () => {
    const f = fresh();
    f.add({ name: 'node-4', labels: 'disk=ssd' });
    f.add({ name: 'node-5', resources: 'example.com/foo=2' });
    f.add({ name: 'node-4', cpu: '2' });
    expect(f.load()).toEqual([
      { name: 'node-5', resources: 'example.com/foo=2' },
      { name: 'node-4', cpu: '2' },
    ]);
    expect(JSON.parse(readFileSync(f.path, 'utf8'))).toEqual({ nodes: f.load() });
  });

  it('forgets a removed node', () => {
    const f = fresh();
    f.add({ name: 'node-4' });
    f.add({ name: 'node-5' });
    f.remove('node-4');
    expect(f.load()).toEqual([{ name: 'node-5' }]);
  });
});

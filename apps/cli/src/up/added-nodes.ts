import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeOptions } from './node-manager';

/** A node added with `kubesim node add`, with the options it was added with. */
export type AddedNode = { name: string } & Partial<NodeOptions>;

/**
 * `<data-dir>/nodes.json`: the nodes added with `kubesim node add`, so that the next `kubesim up`
 * on the same data dir starts their kubelets again (the default `node-1…N` come from `--nodes`).
 */
export class AddedNodesFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'nodes.json');
  }

  load(): AddedNode[] {
    if (!existsSync(this.path)) return [];
    const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as { nodes?: AddedNode[] };
    return Array.isArray(parsed.nodes) ? parsed.nodes : [];
  }

  add(node: AddedNode): void {
    this.save([...this.load().filter((n) => n.name !== node.name), node]);
  }

  remove(name: string): void {
    this.save(this.load().filter((n) => n.name !== name));
  }

  private save(nodes: AddedNode[]): void {
    writeFileSync(this.path, JSON.stringify({ nodes }, null, 2) + '\n');
  }
}

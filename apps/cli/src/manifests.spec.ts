import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManifestError, manifestFiles, readAllManifests } from './manifests';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`;

describe('-f paths as kubectl expands them', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubesim-manifests-'));
    writeFileSync(join(dir, 'b.yaml'), pod('b'));
    writeFileSync(join(dir, 'a.yml'), pod('a1') + '---\n' + pod('a2'));
    writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'c' } }));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'd.yaml'), pod('d'));
    writeFileSync(join(dir, 'plain'), pod('plain'));
  });

  it('reads every -f, in the order given (not just the last)', () => {
    const names = readAllManifests([join(dir, 'b.yaml'), join(dir, 'a.yml')]).map((m) => m.metadata.name);
    expect(names).toEqual(['b', 'a1', 'a2']);
  });

  it("a directory: its .json/.yaml/.yml files in lexical order, not its subdirectories'", () => {
    expect(manifestFiles([dir]).map((f) => f.slice(dir.length + 1))).toEqual(['a.yml', 'b.yaml', 'c.json']);
  });

  it('-R: the subdirectories too', () => {
    expect(manifestFiles([dir], true).map((f) => f.slice(dir.length + 1))).toEqual(['a.yml', 'b.yaml', 'c.json', join('sub', 'd.yaml')]);
  });

  it('a file named on its own is read whatever its extension', () => {
    expect(readAllManifests([join(dir, 'plain')]).map((m) => m.metadata.name)).toEqual(['plain']);
  });

  it('- is stdin, kept in its place among the others', () => {
    expect(manifestFiles([join(dir, 'b.yaml'), '-'])).toEqual([join(dir, 'b.yaml'), '-']);
    expect(() => readAllManifests(['-', '-'])).toThrow('only one stdin (-) may be given');
  });

  it('a missing path is kubectl\'s error', () => {
    expect(() => manifestFiles([join(dir, 'nope.yaml')])).toThrow(new ManifestError(`the path "${join(dir, 'nope.yaml')}" does not exist`));
  });
});

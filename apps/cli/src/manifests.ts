import { ManifestError, parseManifests } from '@kubesim/kube-rest';

export { ManifestError };
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';


/** The extensions kubectl reads when it walks a directory (a file named on its own is read whatever its name). */
const MANIFEST_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/**
 * The files `-f` names, as kubectl's resource builder expands them: a file as given, `-` for stdin,
 * a directory's manifest files in lexical order — its subdirectories too with `-R` (`--recursive`).
 */
export function manifestFiles(paths: readonly string[], recursive = false): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (recursive) walk(path);
      } else if (MANIFEST_EXTENSIONS.has(extname(entry.name))) out.push(path);
    }
  };
  for (const p of paths) {
    if (p === '-') {
      out.push(p);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new ManifestError(`the path "${p}" does not exist`);
    }
    if (isDir) walk(p);
    else out.push(p);
  }
  return out;
}

/** Every object of every file `-f` names (see manifestFiles), in order. */
export function readAllManifests(paths: readonly string[], recursive = false): Record<string, any>[] {
  if (paths.filter((p) => p === '-').length > 1) throw new ManifestError('only one stdin (-) may be given');
  return manifestFiles(paths, recursive).flatMap((f) => readManifests(f));
}

/** Every object in a YAML or JSON file (multi-document, `kind: List` expanded). */
export function readManifests(file: string): Record<string, any>[] {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch {
    throw new ManifestError(`the path "${file}" does not exist`);
  }
  return parseManifests(text, file);
}

import { ManifestError, parseManifests } from '@kubesim/kube-rest';
import { readFileSync } from 'node:fs';


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

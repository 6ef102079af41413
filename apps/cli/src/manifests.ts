import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export class ManifestError extends Error {}

/** Every object in a YAML or JSON file (multi-document, `kind: List` expanded). */
export function readManifests(file: string): Record<string, any>[] {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch {
    throw new ManifestError(`the path "${file}" does not exist`);
  }
  const out: Record<string, any>[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new ManifestError(`error parsing ${file}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new ManifestError(`error parsing ${file}: each document must be an object`);
    if (value.kind === 'List' && Array.isArray(value.items)) out.push(...value.items);
    else out.push(value);
  }
  for (const o of out) {
    if (!o.kind) throw new ManifestError(`error validating data: kind not set; in ${file}`);
    if (!o.apiVersion) throw new ManifestError(`error validating data: apiVersion not set; in ${file}`);
  }
  return out;
}

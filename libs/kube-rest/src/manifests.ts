import { parseAllDocuments } from 'yaml';

export class ManifestError extends Error {}

/**
 * Every object in YAML or JSON text (multi-document, `kind: List` expanded), checked as kubectl
 * checks it before sending anything; `source` names the input in messages (a file, `-`).
 */
export function parseManifests(text: string, source: string): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new ManifestError(`error parsing ${source}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new ManifestError(`error parsing ${source}: each document must be an object`);
    if (value.kind === 'List' && Array.isArray(value.items)) out.push(...value.items);
    else out.push(value);
  }
  for (const o of out) {
    if (!o.kind) throw new ManifestError(`error validating data: kind not set; in ${source}`);
    if (!o.apiVersion) throw new ManifestError(`error validating data: apiVersion not set; in ${source}`);
  }
  return out;
}

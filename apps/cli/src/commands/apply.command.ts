import type { KubeObject } from '@kubesim/api';
import { KubeError, ManifestError, type KubeClient } from '@kubesim/kube-rest';
import { readAllManifests } from '../manifests';
import { serverResource, collectionPath, itemPath, objectName } from '@kubesim/kube-rest';

/**
 * `kubesim apply -f A -f DIR -f - [-R]`: creates what is missing, updates what exists; one line
 * per object, every file's objects in order (see manifestFiles for what a path expands to).
 */
export async function applyCommand(client: KubeClient, files: string | readonly string[], namespace: string, recursive = false): Promise<{ out: string; errors: string[] }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const manifests = readAllManifests(typeof files === 'string' ? [files] : files, recursive);
  if (manifests.length === 0) throw new ManifestError('no objects passed to apply');
  for (const m of manifests) {
    const r = await serverResource(client, String(m.kind));
    const ns = r.namespaced ? (m.metadata?.namespace ?? namespace) : '';
    const name = m.metadata?.name ?? '';
    const label = objectName(r, name);
    try {
      let existing: KubeObject | undefined;
      if (name) {
        existing = await client.get<KubeObject>(itemPath(r, ns, name)).catch((e) => {
          if (e instanceof KubeError && e.status.code === 404) return undefined;
          throw e;
        });
      }
      if (!existing) {
        // Strict field validation, as kubectl asks for it: a typo is an error, not a silently dropped field.
        const created = await client.post<KubeObject>(`${collectionPath(r, r.namespaced ? ns : undefined)}?fieldValidation=Strict`, m);
        lines.push(`${objectName(r, created.metadata.name)} created`);
        continue;
      }
      const same =
        JSON.stringify(existing.metadata.labels ?? {}) === JSON.stringify(m.metadata?.labels ?? {}) &&
        JSON.stringify(existing.metadata.annotations ?? {}) === JSON.stringify(m.metadata?.annotations ?? {}) &&
        (r.kind === 'Pod' || isSubset(m.spec, (existing as { spec?: unknown }).spec));
      if (same) {
        lines.push(`${label} unchanged`);
        continue;
      }
      await client.put(`${itemPath(r, ns, name)}?fieldValidation=Strict`, { ...m, metadata: { ...m.metadata, resourceVersion: existing.metadata.resourceVersion } });
      lines.push(`${label} configured`);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { out: lines.map((l) => l + '\n').join(''), errors };
}

/** True when every field the manifest gives has the same value in the stored object (defaults aside). */
function isSubset(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => isSubset(x, b[i]));
  if (a && typeof a === 'object') return Boolean(b) && typeof b === 'object' && Object.entries(a).every(([k, v]) => isSubset(v, (b as Record<string, unknown>)[k]));
  return false;
}

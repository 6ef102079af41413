import type { KubeObject } from '@kubesim/api';
import { KubeError, type KubeClient } from '../kube-client';
import { readManifests } from '../manifests';
import { cliResource, collectionPath, itemPath } from '../resources';

/** `kubesim apply -f FILE`: creates what is missing, updates what exists; one line per object. */
export async function applyCommand(client: KubeClient, file: string, namespace: string): Promise<{ out: string; errors: string[] }> {
  const lines: string[] = [];
  const errors: string[] = [];
  for (const m of readManifests(file)) {
    const r = cliResource(String(m.kind));
    const ns = r.namespaced ? (m.metadata?.namespace ?? namespace) : '';
    const name = m.metadata?.name ?? '';
    const label = `${r.kind.toLowerCase()}/${name}`;
    try {
      let existing: KubeObject | undefined;
      if (name) {
        existing = await client.get<KubeObject>(itemPath(r, ns, name)).catch((e) => {
          if (e instanceof KubeError && e.status.code === 404) return undefined;
          throw e;
        });
      }
      if (!existing) {
        const created = await client.post<KubeObject>(collectionPath(r, r.namespaced ? ns : undefined), m);
        lines.push(`${r.kind.toLowerCase()}/${created.metadata.name} created`);
        continue;
      }
      const same =
        JSON.stringify(existing.metadata.labels ?? {}) === JSON.stringify(m.metadata?.labels ?? {}) &&
        JSON.stringify(existing.metadata.annotations ?? {}) === JSON.stringify(m.metadata?.annotations ?? {});
      if (same) {
        lines.push(`${label} unchanged`);
        continue;
      }
      await client.put(itemPath(r, ns, name), { ...m, metadata: { ...m.metadata, resourceVersion: existing.metadata.resourceVersion } });
      lines.push(`${label} configured`);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { out: lines.map((l) => l + '\n').join(''), errors };
}

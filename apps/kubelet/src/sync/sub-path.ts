import type { Volume } from '@kubesim/runtime';

/**
 * A `subPath` mount: what the volume holds at `subPath` at the container's start, placed at
 * `mountPath` of its root filesystem. A copy, so — as with the kubelet's bind mount of the old
 * inode — later updates of a ConfigMap volume never reach it.
 */
export function subPathFiles(v: Volume, subPath: string, mountPath: string): Record<string, string> {
  const rel = '/' + subPath.replace(/^\/+|\/+$/g, '');
  const base = mountPath.replace(/\/+$/, '');
  const file = v.files.get(rel);
  if (file !== undefined) return { [base]: file };
  const out: Record<string, string> = { [`${base}/.keep`]: '' };
  for (const [path, text] of v.files) if (path.startsWith(rel + '/')) out[base + path.slice(rel.length)] = text;
  return out;
}

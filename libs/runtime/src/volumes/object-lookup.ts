/** The API objects a pod's env and volumes read, as the kubelet's caches hold them. */
export type ReferencedKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'PersistentVolume' | 'ServiceAccount';

/** An object by kind, namespace ('' for cluster-scoped) and name; undefined when it does not exist. */
export type ObjectLookup = (kind: ReferencedKind, namespace: string, name: string) => Record<string, any> | undefined;

/** The string values of a ConfigMap (`data`, then `binaryData` decoded) or a Secret (`data` decoded). */
export function objectValues(kind: 'ConfigMap' | 'Secret', o: Record<string, any>): Record<string, string> {
  const decode = (m: Record<string, string> | undefined) => Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  return kind === 'ConfigMap' ? { ...(o.data ?? {}), ...decode(o.binaryData) } : decode(o.data);
}

/** The kubelet's NotFound text for a missing object (the Status message of its manager's GET). */
export const notFoundMessage = (kind: 'ConfigMap' | 'Secret', name: string) => `${kind.toLowerCase()} "${name}" not found`;

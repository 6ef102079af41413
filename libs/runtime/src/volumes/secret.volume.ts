import { notFoundMessage, objectValues, type ObjectLookup } from './object-lookup';
import { keysPayload, type KeyToPath, type Payload } from './volume-payload';

export interface SecretVolumeSource {
  secretName?: string;
  /** The form a projected volume's secret source names it. */
  name?: string;
  items?: KeyToPath[];
  optional?: boolean;
  defaultMode?: number;
}

/** pkg/volume/secret: the Secret's keys, decoded, as files (on tmpfs in a real kubelet). */
export function secretPayload(src: SecretVolumeSource, namespace: string, objects: ObjectLookup): Payload {
  const name = src.secretName ?? src.name ?? '';
  const o = objects('Secret', namespace, name);
  if (!o) return src.optional ? { ok: true, files: {} } : { ok: false, message: notFoundMessage('Secret', name) };
  return keysPayload(objectValues('Secret', o), src.items, Boolean(src.optional), (k) => `references non-existent secret key: ${k}`);
}

import { notFoundMessage, objectValues, type ObjectLookup } from './object-lookup';
import { keysPayload, type KeyToPath, type Payload } from './volume-payload';

export interface ConfigMapVolumeSource {
  name?: string;
  items?: KeyToPath[];
  optional?: boolean;
  defaultMode?: number;
}

/** pkg/volume/configmap: the ConfigMap's keys as files; a missing ConfigMap is an empty volume only when optional. */
export function configMapPayload(src: ConfigMapVolumeSource, namespace: string, objects: ObjectLookup): Payload {
  const o = objects('ConfigMap', namespace, src.name ?? '');
  if (!o) return src.optional ? { ok: true, files: {} } : { ok: false, message: notFoundMessage('ConfigMap', src.name ?? '') };
  return keysPayload(objectValues('ConfigMap', o), src.items, Boolean(src.optional), (k) => `configmap references non-existent config key: ${k}`);
}

import { containerNamed, fieldRefValue, resourceFieldValue, type DownwardContext, type ResourceFieldRef } from './downward-api';
import type { Payload } from './volume-payload';

export interface DownwardAPIVolumeSource {
  items?: { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: ResourceFieldRef; mode?: number }[];
  defaultMode?: number;
}

/** pkg/volume/downwardapi: one file per item, a pod field or a container's resource. */
export function downwardApiPayload(src: DownwardAPIVolumeSource, ctx: DownwardContext): Payload {
  const files: Record<string, string> = {};
  for (const it of src.items ?? []) {
    if (it.fieldRef) {
      const v = fieldRefValue(ctx, it.fieldRef.fieldPath, 'volume');
      if (v === undefined) return { ok: false, message: `unsupported fieldPath: ${it.fieldRef.fieldPath}` };
      files[it.path] = v;
    } else if (it.resourceFieldRef) {
      const c = containerNamed(ctx.pod, it.resourceFieldRef.containerName);
      const v = c && resourceFieldValue(ctx, c, it.resourceFieldRef);
      if (v === undefined) return { ok: false, message: `failed to find container "${it.resourceFieldRef.containerName ?? ''}" in pod` };
      files[it.path] = v;
    }
  }
  return { ok: true, files };
}

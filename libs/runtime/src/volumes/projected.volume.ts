import type { Pod } from '@kubesim/api';
import { configMapPayload, type ConfigMapVolumeSource } from './configmap.volume';
import { downwardApiPayload, type DownwardAPIVolumeSource } from './downward-api.volume';
import type { DownwardContext } from './downward-api';
import type { ObjectLookup } from './object-lookup';
import { secretPayload, type SecretVolumeSource } from './secret.volume';
import type { ServiceAccountTokenProjection } from './service-account-token';
import type { Payload } from './volume-payload';

export interface ProjectedVolumeSource {
  sources?: { configMap?: ConfigMapVolumeSource; secret?: SecretVolumeSource; downwardAPI?: DownwardAPIVolumeSource; serviceAccountToken?: ServiceAccountTokenProjection }[];
  defaultMode?: number;
}

export interface ProjectedContext extends DownwardContext {
  objects: ObjectLookup;
  /** The token for one serviceAccountToken source, or the TokenRequest's error. */
  token(src: ServiceAccountTokenProjection, pod: Pod): { ok: true; token: string } | { ok: false; message: string };
}

/**
 * pkg/volume/projected collectData: every source's files in one directory; the errors of all
 * failing sources aggregated (one prints as itself, several as `[a, b]`).
 */
export function projectedPayload(src: ProjectedVolumeSource, ctx: ProjectedContext): Payload {
  const files: Record<string, string> = {};
  const errors: string[] = [];
  const ns = ctx.pod.metadata.namespace;
  for (const s of src.sources ?? []) {
    let p: Payload | undefined;
    if (s.configMap) p = configMapPayload(s.configMap, ns, ctx.objects);
    else if (s.secret) p = secretPayload(s.secret, ns, ctx.objects);
    else if (s.downwardAPI) p = downwardApiPayload(s.downwardAPI, ctx);
    else if (s.serviceAccountToken) {
      const t = ctx.token(s.serviceAccountToken, ctx.pod);
      p = t.ok ? { ok: true, files: { [s.serviceAccountToken.path]: t.token } } : t;
    }
    if (!p) continue;
    if (p.ok) Object.assign(files, p.files);
    else errors.push(p.message);
  }
  if (errors.length) return { ok: false, message: errors.length === 1 ? errors[0] : `[${errors.join(', ')}]` };
  return { ok: true, files };
}

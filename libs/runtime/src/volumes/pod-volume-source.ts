import { configMapPayload, type ConfigMapVolumeSource } from './configmap.volume';
import { downwardApiPayload, type DownwardAPIVolumeSource } from './downward-api.volume';
import { projectedPayload, type ProjectedContext, type ProjectedVolumeSource } from './projected.volume';
import { secretPayload, type SecretVolumeSource } from './secret.volume';
import type { Payload } from './volume-payload';

/** One entry of `spec.volumes`, with the sources the simulated kubelet sets up. */
export interface PodVolume {
  name: string;
  emptyDir?: Record<string, unknown>;
  configMap?: ConfigMapVolumeSource;
  secret?: SecretVolumeSource;
  downwardAPI?: DownwardAPIVolumeSource;
  projected?: ProjectedVolumeSource;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  [source: string]: unknown;
}

/** How a volume gets its content: written by the kubelet from API objects, a claim's PV, or empty. */
export type VolumeClass = 'payload' | 'claim' | 'empty';

export const volumeClass = (v: PodVolume): VolumeClass => (v.configMap || v.secret || v.downwardAPI || v.projected ? 'payload' : v.persistentVolumeClaim ? 'claim' : 'empty');

/** The files of a configMap, secret, downwardAPI or projected volume now; undefined for other volumes. */
export function volumePayload(v: PodVolume, ctx: ProjectedContext): Payload | undefined {
  const ns = ctx.pod.metadata.namespace;
  if (v.configMap) return configMapPayload(v.configMap, ns, ctx.objects);
  if (v.secret) return secretPayload(v.secret, ns, ctx.objects);
  if (v.downwardAPI) return downwardApiPayload(v.downwardAPI, ctx);
  if (v.projected) return projectedPayload(v.projected, ctx);
  return undefined;
}

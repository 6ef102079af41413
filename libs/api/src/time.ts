/** Kubernetes timestamps: RFC 3339 in UTC with whole seconds (`2026-11-28T05:44:08Z`). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Micro-precision timestamps (`eventTime`, lease `renewTime`). */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}

/**
 * The annotation on every simulated Node that records the cluster's time scale (`KUBESIM_TIME_SCALE`,
 * the factor on every Kubernetes duration), so a log says at what pace it was written.
 */
export const TIME_SCALE_ANNOTATION = 'kubesim.io/time-scale';

/** Kubernetes timestamps: RFC 3339 in UTC with whole seconds (`2026-11-28T05:44:08Z`). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Micro-precision timestamps (`eventTime`, lease `renewTime`). */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}

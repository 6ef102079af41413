/** Kubernetes timestamps (metav1.Time) are RFC 3339 with whole seconds: `2024-05-01T10:00:00Z`. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Kubernetes seconds → simulated milliseconds under `--time-scale`. */
export function scaledMs(seconds: number, timeScale: number): number {
  return Math.round(seconds * 1000 * timeScale);
}

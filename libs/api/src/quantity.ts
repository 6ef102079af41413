/**
 * Kubernetes resource quantities ("500m", "1", "128Mi", "1G", "2e3").
 * cpu is handled in millicores, everything else in base units (bytes, counts).
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** True when `value` is a well-formed quantity. */
export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0;
  return typeof value === 'string' && QUANTITY.test(value.trim()) && !Number.isNaN(parseQuantity(value));
}

/** The quantity's value in base units (cores for cpu, bytes for memory). NaN when malformed. */
export function parseQuantity(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = QUANTITY.exec(value.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return Number.NaN;
}

/** cpu in millicores, rounded up as Kubernetes does ("0.1" → 100, "1" → 1000). */
export function milliCpu(value: string | number | undefined): number {
  if (value === undefined) return 0;
  return Math.ceil(parseQuantity(value) * 1000 - 1e-9);
}

/** memory (or any other resource) in base units. */
export function baseUnits(value: string | number | undefined): number {
  if (value === undefined) return 0;
  return Math.ceil(parseQuantity(value) - 1e-9);
}

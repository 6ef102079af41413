import { parseQuantity } from './quantity';

/** An amount of a resource and the format its quantities were written in (`Mi` → binary). */
export interface Amount {
  /** Base units (cores for cpu, bytes for memory, a count). */
  readonly value: number;
  readonly binary: boolean;
}

const BINARY_SUFFIXES = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_SUFFIXES = ['k', 'M', 'G', 'T', 'P', 'E'];

export const isBinaryQuantity = (q: string | number | undefined): boolean => typeof q === 'string' && /[KMGTPE]i$/.test(q.trim());

/** A quantity as an Amount; a malformed one counts as 0. */
export function amountOf(q: string | number | undefined): Amount {
  const v = q === undefined ? 0 : parseQuantity(q);
  return { value: Number.isFinite(v) ? v : 0, binary: isBinaryQuantity(q) };
}

/** Sum in the format of the first operand that has one, as resource.Quantity.Add keeps the receiver's. */
export const addAmounts = (a: Amount, b: Amount): Amount => ({ value: a.value + b.value, binary: a.value !== 0 ? a.binary : b.binary });

/**
 * resource.Quantity's canonical String(): millis with `m` when not whole, else the largest suffix
 * that divides exactly (binary for BinarySI quantities of 1Ki or more, decimal otherwise).
 */
export function formatQuantity(a: Amount): string {
  const milli = Math.round(a.value * 1000);
  if (milli % 1000 !== 0) return `${milli}m`;
  const n = milli / 1000;
  if (a.binary && Math.abs(n) >= 1024) return withSuffix(n, 1024, BINARY_SUFFIXES);
  return withSuffix(n, 1000, DECIMAL_SUFFIXES);
}

function withSuffix(n: number, base: number, suffixes: string[]): string {
  for (let k = suffixes.length; k >= 1; k--) {
    const unit = base ** k;
    if (n !== 0 && n % unit === 0) return `${n / unit}${suffixes[k - 1]}`;
  }
  return String(n);
}


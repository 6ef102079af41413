/**
 * A quantity's canonical form, as apimachinery's resource.Quantity writes it back (quantity.go,
 * amount.go, suffix.go): exact decimal arithmetic, values rounded up to nano precision, the format
 * family of the suffix kept (binary Ki…Ei, decimal n…E, exponent e<n>), and the input string kept
 * verbatim when it is already canonical. `0.5` → `500m`, `1000m` → `1`, `2000` → `2k`,
 * `1024Mi` → `1Gi`, `1.5Gi` → `1536Mi`, `1Gi` and `100m` as written.
 */

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** value = m × 10^s, exactly. */
interface Amount {
  m: bigint;
  s: number;
  format: Format;
  /** The input, when ParseQuantity would keep it (already canonical). */
  verbatim?: string;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(Object.entries(DECIMAL).map(([k, v]) => [v, k]));
const BINARY_SUFFIX: Record<number, string> = { 0: '', ...Object.fromEntries(Object.entries(BINARY).map(([k, v]) => [v, k])) };
const NANO = -9;
/** Digits an int64 always holds: beyond them upstream leaves its fast path (no verbatim string). */
const INT64_DIGITS = 18;

const pow10 = (n: number) => 10n ** BigInt(n);
const ceilDiv = (a: bigint, b: bigint) => (a >= 0n ? (a + b - 1n) / b : -((-a) / b));

function parse(input: string): Amount | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/.exec(input);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const negative = m[1] === '-';
  const num = m[2] === '' ? '0' : m[2];
  const denom = m[3] ?? '';
  const suffix = m[4] ?? '';
  const shifted = num + denom;
  const signed = (v: bigint) => (negative ? -v : v);
  if (suffix in BINARY) {
    const exp = BINARY[suffix];
    // value = shifted / 10^len(denom) × 2^exp, rounded up to nano.
    const exact = denom === '';
    const precision = 15 - num.length - Math.trunc((exp * 3) / 10) - 1;
    if (exact && precision >= 0) {
      const value = BigInt(num) << BigInt(exp);
      return { m: signed(value), s: 0, format: 'BinarySI', ...((BigInt(num) & 7n) !== 0n ? { verbatim: input } : {}) };
    }
    const scaled = BigInt(shifted) * (1n << BigInt(exp)) * pow10(-NANO);
    return { m: signed(ceilDiv(scaled, pow10(denom.length))), s: NANO, format: 'BinarySI' };
  }
  const format: Format = suffix in DECIMAL ? 'DecimalSI' : 'DecimalExponent';
  const exp = suffix in DECIMAL ? DECIMAL[suffix] : Number(suffix.slice(1));
  const scale = exp - denom.length;
  if (scale >= NANO) {
    const keep = shifted.length <= INT64_DIGITS && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
    return { m: signed(BigInt(shifted)), s: scale, format, ...(keep ? { verbatim: input } : {}) };
  }
  return { m: signed(ceilDiv(BigInt(shifted), pow10(NANO - scale))), s: NANO, format };
}

/** RoundUp(scale): the value at `scale` or coarser, rounded up; the verbatim string goes if it changed. */
function roundUp(a: Amount, scale: number): Amount {
  if (a.s >= scale) return a;
  return { m: ceilDiv(a.m, pow10(scale - a.s)), s: scale, format: a.format };
}

function format(a: Amount): string {
  if (a.verbatim !== undefined) return a.verbatim;
  if (a.m === 0n) return '0';
  let fmt = a.format;
  if (fmt === 'BinarySI') {
    const abs = a.m < 0n ? -a.m : a.m;
    const whole = a.s >= 0 || abs % pow10(-a.s) === 0n;
    const value = a.s >= 0 ? a.m * pow10(a.s) : a.m / pow10(-a.s);
    if ((value < 1024n && value > -1024n) || !whole) fmt = 'DecimalSI';
    else {
      let n = value;
      let exp = 0;
      while (n % 1024n === 0n && exp < 60) {
        n /= 1024n;
        exp += 10;
      }
      return `${n}${BINARY_SUFFIX[exp]}`;
    }
  }
  let m = a.m;
  let s = a.s;
  while (m % 10n === 0n) {
    m /= 10n;
    s += 1;
  }
  const r = ((s % 3) + 3) % 3;
  m *= pow10(r);
  s -= r;
  if (fmt === 'DecimalExponent') return s === 0 ? `${m}` : `${m}e${s}`;
  return `${m}${DECIMAL_SUFFIX[s] ?? ''}`;
}

/** The canonical form of a quantity; anything that is no quantity is returned unchanged. */
export function canonicalQuantity<T>(value: T): T | string {
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const a = parse(String(value).trim());
  return a ? format(a) : value;
}

/**
 * A core v1 ResourceList's value (container requests/limits, node capacity): canonical, and rounded
 * up to milli as SetDefaults_ResourceList does (`cpu: 0.0001` → `1m`).
 */
export function canonicalResourceQuantity<T>(value: T): T | string {
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const a = parse(String(value).trim());
  return a ? format(roundUp(a, -3)) : value;
}

/** Every value of a ResourceList in canonical form (undefined stays undefined). */
export function canonicalResourceList<L extends Record<string, unknown> | undefined>(list: L): L {
  if (!list || typeof list !== 'object') return list;
  return Object.fromEntries(Object.entries(list).map(([k, v]) => [k, canonicalResourceQuantity(v)])) as L;
}

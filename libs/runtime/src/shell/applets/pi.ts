/**
 * The first `n` significant digits of pi, as `perl -Mbignum=bpi -wle 'print bpi(n)'` prints them
 * ("3.14159…", rounded at the last digit): Machin's formula in BigInt fixed point.
 */
export function piDigits(n: number): string {
  const digits = Math.max(1, Math.floor(n));
  const guard = 10n;
  const scale = 10n ** (BigInt(digits - 1) + guard);
  const arctanInv = (x: bigint) => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 1n; term !== 0n; k += 2n) {
      sum += (k % 4n === 1n ? term : -term) / k;
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  const rounded = ((pi + 5n * 10n ** (guard - 1n)) / 10n ** guard).toString();
  return rounded.length === 1 ? rounded : `${rounded[0]}.${rounded.slice(1)}`;
}

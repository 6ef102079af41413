/** The characters of generated name suffixes (apimachinery's rand.String: no vowels, no 0/1/3). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Five safe characters for `generateName`; `randomInt(n)` returns an integer in [0, n). */
export function nameSuffix(randomInt: (n: number) => number): string {
  return Array.from({ length: 5 }, () => SAFE_ALPHABET[randomInt(SAFE_ALPHABET.length)]).join('');
}

/** The cause the apiserver records for a pod deleted through the Eviction API (`kubectl drain`). */
export const EVICTION_API_CAUSE = 'evicted through the Eviction API';

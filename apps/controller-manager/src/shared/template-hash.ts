import { SAFE_ALPHABET } from '@kubesim/api';

/** JSON with object keys sorted: the same template hashes the same whatever order a patch left its keys in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** pod-template-hash: a short, label-safe hash of the pod template (like rand.SafeEncodeString). */
export function podTemplateHash(template: unknown): string {
  const json = canonicalJson(template);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < json.length; i++) {
    h1 = Math.imul(h1 ^ json.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ json.charCodeAt(i), 2246822519) >>> 0;
  }
  let out = '';
  let n = BigInt(h1) * 4294967296n + BigInt(h2);
  for (let i = 0; i < 10; i++) {
    out += SAFE_ALPHABET[Number(n % BigInt(SAFE_ALPHABET.length))];
    n /= BigInt(SAFE_ALPHABET.length);
  }
  return out;
}

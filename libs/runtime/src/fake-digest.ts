/**
 * Deterministic stand-ins for content digests and container ids. Real ones are SHA-256 of bytes
 * we do not have; the simulator only needs values that look right and never change for the same
 * input, so eight seeded FNV-1a lanes with a murmur3 finaliser make 64 hex digits.
 */
export function fakeSha256Hex(input: string): string {
  let out = '';
  for (let lane = 0; lane < 8; lane++) {
    let h = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b9)) >>> 0;
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    out += fmix32(h).toString(16).padStart(8, '0');
  }
  return out;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One protobuf field as it is on the wire: varints as bigint, length-delimited as bytes. */
export type WireField = { no: number; type: 'varint'; value: bigint } | { no: number; type: 'bytes'; value: Uint8Array } | { no: number; type: 'fixed64' | 'fixed32'; value: Uint8Array };

export class WireError extends Error {}

/** The fields of one message, in order (repeated fields appear once per element). */
export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (pos >= buf.length || shift > 63n) throw new WireError('truncated varint');
      const b = buf[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
    }
  };
  const take = (n: number) => {
    if (pos + n > buf.length) throw new WireError('truncated field');
    const v = buf.subarray(pos, pos + n);
    pos += n;
    return v;
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    switch (key & 7) {
      case 0:
        out.push({ no, type: 'varint', value: varint() });
        break;
      case 1:
        out.push({ no, type: 'fixed64', value: take(8) });
        break;
      case 2:
        out.push({ no, type: 'bytes', value: take(Number(varint())) });
        break;
      case 5:
        out.push({ no, type: 'fixed32', value: take(4) });
        break;
      default:
        throw new WireError(`unsupported wire type ${key & 7}`);
    }
  }
  return out;
}

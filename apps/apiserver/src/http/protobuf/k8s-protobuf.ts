import { badRequest, failure, StatusError } from '../status';
import { MESSAGES, type FieldSpec } from './messages';
import { readFields, WireError, type WireField } from './wire';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"
/** The top-level kinds kubesim has field numbers for. */
const DECODABLE_KINDS = ['Namespace'];
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/**
 * A `application/vnd.kubernetes.protobuf` body as the JSON object it stands for: the `k8s\0`
 * magic, a runtime.Unknown envelope (1 TypeMeta, 2 raw message), and the raw message decoded with
 * its field numbers (messages.ts). Empty strings and zero numbers are what Go's encoder writes for
 * unset fields, so they are left out, as JSON's `omitempty` would. A kind kubesim has no field
 * numbers for is a 415, as kube-apiserver answers an unsupported media type.
 */
export function decodeK8sProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw badRequest('the body of the request was in an unknown format: no protobuf "k8s\\x00" prefix');
  try {
    const envelope = readFields(body.subarray(4));
    const typeMeta = envelope.find((f) => f.no === 1 && f.type === 'bytes');
    const raw = envelope.find((f) => f.no === 2 && f.type === 'bytes');
    const tm = typeMeta ? Object.fromEntries(readFields(typeMeta.value as Uint8Array).map((f) => [f.no, text(f.value as Uint8Array)])) : {};
    const apiVersion = tm[1] ?? '';
    const kind = tm[2] ?? '';
    if (!DECODABLE_KINDS.includes(kind)) {
      throw new StatusError(
        failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - kubesim decodes protobuf only for ${DECODABLE_KINDS.join(', ')}; send ${kind || 'this object'} as application/json or application/yaml`),
      );
    }
    return { apiVersion, kind, ...decodeMessage(kind, raw ? (raw.value as Uint8Array) : new Uint8Array()) };
  } catch (e) {
    if (e instanceof WireError) throw badRequest(`the body of the request was in an unknown format: malformed protobuf (${e.message})`);
    throw e;
  }
}

function decodeMessage(name: string, buf: Uint8Array): Record<string, unknown> {
  const spec = MESSAGES[name];
  const out: Record<string, unknown> = {};
  for (const f of readFields(buf)) {
    const field = spec[f.no];
    if (!field) throw new WireError(`field ${f.no} of ${name} is not known to kubesim`);
    const value = decodeValue(field, f);
    if (value === undefined) continue;
    if (field.repeated) (out[field.name] as unknown[] | undefined) ? (out[field.name] as unknown[]).push(value) : (out[field.name] = [value]);
    else if (typeof field.type === 'object' && 'map' in field.type) out[field.name] = { ...(out[field.name] as object), ...(value as object) };
    else out[field.name] = value;
  }
  return out;
}

function decodeValue(field: FieldSpec, f: WireField): unknown {
  const t = field.type;
  if (typeof t === 'object' && 'message' in t) return decodeMessage(t.message, bytes(f));
  if (typeof t === 'object' && 'map' in t) {
    const entry = Object.fromEntries(readFields(bytes(f)).map((e) => [e.no, text(bytes(e))]));
    return { [entry[1] ?? '']: entry[2] ?? '' };
  }
  switch (t) {
    case 'string': {
      const s = text(bytes(f));
      return s === '' && !field.repeated ? undefined : s;
    }
    case 'bool':
      return varint(f) !== 0n || undefined;
    case 'int32':
    case 'int64': {
      const n = BigInt.asIntN(64, varint(f));
      return n === 0n ? undefined : Number(n);
    }
    case 'time': {
      const parts = Object.fromEntries(readFields(bytes(f)).map((e) => [e.no, e.type === 'varint' ? e.value : 0n]));
      const seconds = Number(parts[1] ?? 0n);
      return seconds === 0 ? undefined : new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
  }
}

function bytes(f: WireField): Uint8Array {
  if (f.type !== 'bytes') throw new WireError(`field ${f.no}: expected a length-delimited value`);
  return f.value;
}

function varint(f: WireField): bigint {
  if (f.type !== 'varint') throw new WireError(`field ${f.no}: expected a varint`);
  return f.value;
}

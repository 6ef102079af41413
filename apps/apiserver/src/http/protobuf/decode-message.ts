import type { FieldSpec } from './field-spec';
import { MESSAGES } from './messages';
import { readFields, WireError, type WireField } from './wire';

/** A Kubernetes field kubesim has no field numbers for (`spec.template.spec.affinity`): a 415. */
export class NotDecodedError extends Error {
  constructor(
    readonly path: string,
    readonly messageType: string,
  ) {
    super(`${path} (${messageType})`);
  }
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const join = (path: string, name: string) => (name === '' ? path : path ? `${path}.${name}` : name);

/**
 * One message as its JSON object, by its table in messages.ts. Go's encoder writes every
 * non-pointer field, so a zero there means unset and is left out (JSON's `omitempty`); a pointer
 * field on the wire is set, zero or not. An unknown field number is a WireError (400).
 */
export function decodeMessage(name: string, buf: Uint8Array, path = ''): Record<string, unknown> {
  const spec = MESSAGES[name];
  if (!spec) throw new NotDecodedError(path, name);
  const out: Record<string, unknown> = {};
  for (const f of readFields(buf)) {
    const field = spec[f.no];
    if (!field) throw new WireError(`field ${f.no} of ${name} is not known to kubesim${path ? ` (in ${path})` : ''}`);
    const at = join(path, field.name) + (field.repeated ? `[${Array.isArray(out[field.name]) ? (out[field.name] as unknown[]).length : 0}]` : '');
    const value = decodeValue(field, f, at);
    if (value === undefined) continue;
    const t = field.type;
    if (typeof t === 'object' && 'inline' in t) Object.assign(out, value);
    else if (field.repeated) ((out[field.name] as unknown[] | undefined) ??= [] as unknown[], (out[field.name] as unknown[]).push(value));
    else if (typeof t === 'object' && 'map' in t) out[field.name] = { ...(out[field.name] as object), ...(value as object) };
    else out[field.name] = value;
  }
  return out;
}

function failNotDecoded(path: string, message: string): never {
  throw new NotDecodedError(path, message);
}

function decodeValue(field: FieldSpec, f: WireField, path: string): unknown {
  const t = field.type;
  const keep = field.pointer || field.repeated;
  if (typeof t === 'object') {
    if ('message' in t) return decodeMessage(t.message, bytes(f), path);
    if ('inline' in t) return decodeMessage(t.inline, bytes(f), path);
    // An empty message carries nothing to misread (kubectl sends the defaulted `securityContext: {}` back).
    if ('opaque' in t) return bytes(f).length === 0 ? {} : failNotDecoded(path, t.opaque);
    const entry = readFields(bytes(f));
    const key = text(bytes(entry.find((e) => e.no === 1) ?? { no: 1, type: 'bytes', value: new Uint8Array() }));
    const raw = entry.find((e) => e.no === 2);
    const value = t.map === 'string' ? (raw ? text(bytes(raw)) : '') : t.map === 'bytes' ? (raw ? Buffer.from(bytes(raw)).toString('base64') : '') : raw ? quantity(raw) : '';
    return { [key]: value };
  }
  switch (t) {
    case 'string': {
      const s = text(bytes(f));
      return s === '' && !keep ? undefined : s;
    }
    case 'bool': {
      const b = varint(f) !== 0n;
      return b || keep ? b : undefined;
    }
    case 'int32':
    case 'int64': {
      const n = Number(BigInt.asIntN(64, varint(f)));
      return n !== 0 || keep ? n : undefined;
    }
    case 'quantity':
      return quantity(f) || undefined;
    case 'intOrString': {
      const parts = readFields(bytes(f));
      const isString = parts.some((p) => p.no === 1 && p.type === 'varint' && p.value === 1n);
      const intVal = parts.find((p) => p.no === 2);
      const strVal = parts.find((p) => p.no === 3);
      const value = isString ? (strVal ? text(bytes(strVal)) : '') : intVal ? Number(BigInt.asIntN(32, varint(intVal))) : 0;
      return (value === 0 || value === '') && !keep ? undefined : value;
    }
    case 'time': {
      const parts = readFields(bytes(f));
      const seconds = Number(parts.find((p) => p.no === 1 && p.type === 'varint')?.value ?? 0n);
      return seconds === 0 ? undefined : new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
  }
}

/** resource.Quantity: `message Quantity { optional string string = 1; }`. */
function quantity(f: WireField): string {
  const s = readFields(bytes(f)).find((p) => p.no === 1);
  return s ? text(bytes(s)) : '';
}

function bytes(f: WireField): Uint8Array {
  if (f.type !== 'bytes') throw new WireError(`field ${f.no}: expected a length-delimited value`);
  return f.value;
}

function varint(f: WireField): bigint {
  if (f.type !== 'varint') throw new WireError(`field ${f.no}: expected a varint`);
  return f.value;
}

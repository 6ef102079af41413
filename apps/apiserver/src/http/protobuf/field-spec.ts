/**
 * How a protobuf field of a Kubernetes message maps to its JSON form (k8s.io/api `generated.proto`).
 *
 * - scalars; `pointer` marks Go pointer fields (`*int32`, `*bool`, `*string`): Go writes them only
 *   when set, so a zero on the wire is a real zero (`replicas: 0`). Other scalars are always written
 *   and their zero means "unset", as JSON's `omitempty`.
 * - `message`: a nested message, decoded with its own table.
 * - `inline`: an embedded Go struct (`ProbeHandler` in `Probe`): its fields join the parent's JSON.
 * - `opaque`: a Kubernetes message kubesim has no table for: a body carrying it is refused (415).
 * - `quantity`, `intOrString`, `time`: apimachinery's types, as their JSON strings/numbers.
 * - `map`: string keys to strings, quantities or bytes (base64 in JSON, as Secret `data`).
 */
export type FieldType =
  | 'string'
  | 'int32'
  | 'int64'
  | 'bool'
  | 'time'
  | 'quantity'
  | 'intOrString'
  | { message: string }
  | { inline: string }
  | { opaque: string }
  | { map: 'string' | 'quantity' | 'bytes' };

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: true;
  pointer?: true;
}
export type MessageSpec = Record<number, FieldSpec>;

export const field = (name: string, type: FieldType, o: { repeated?: true; pointer?: true } = {}): FieldSpec => ({ name, type, ...o });
export const str = (name: string) => field(name, 'string');
export const strs = (name: string) => field(name, 'string', { repeated: true });
export const ptr = (name: string, type: FieldType) => field(name, type, { pointer: true });
export const msg = (name: string, message: string) => field(name, { message });
export const msgs = (name: string, message: string) => field(name, { message }, { repeated: true });
export const opaque = (name: string, message: string, o: { repeated?: true } = {}) => field(name, { opaque: message }, o);

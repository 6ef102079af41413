import { badRequest, failure, StatusError } from '../status';
import { decodeMessage, NotDecodedError } from './decode-message';
import { DECODABLE_KINDS } from './messages';
import { readFields, WireError } from './wire';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const unsupported = (message: string) => new StatusError(failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - ${message}`));

/**
 * A `application/vnd.kubernetes.protobuf` body as the JSON object it stands for: the `k8s\0`
 * magic, a runtime.Unknown envelope (1 TypeMeta, 2 raw message), and the raw message decoded with
 * its field numbers (messages.ts). What kubesim cannot decode — a kind, or a field whose message it
 * has no table for — is a 415 naming it, as kube-apiserver answers an unsupported media type; a
 * malformed body or a field number Kubernetes does not have is a 400.
 */
export function decodeK8sProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw badRequest('the body of the request was in an unknown format: no protobuf "k8s\\x00" prefix');
  let kind = '';
  try {
    const envelope = readFields(body.subarray(4));
    const typeMeta = envelope.find((f) => f.no === 1 && f.type === 'bytes');
    const raw = envelope.find((f) => f.no === 2 && f.type === 'bytes');
    const tm = typeMeta ? Object.fromEntries(readFields(typeMeta.value as Uint8Array).map((f) => [f.no, text(f.value as Uint8Array)])) : {};
    const apiVersion = tm[1] ?? '';
    kind = tm[2] ?? '';
    if (!(DECODABLE_KINDS as readonly string[]).includes(kind)) {
      throw unsupported(`kubesim decodes protobuf only for ${DECODABLE_KINDS.join(', ')}; send ${kind || 'this object'} as application/json or application/yaml`);
    }
    return { apiVersion, kind, ...decodeMessage(kind, raw ? (raw.value as Uint8Array) : new Uint8Array()) };
  } catch (e) {
    if (e instanceof WireError) throw badRequest(`the body of the request was in an unknown format: malformed protobuf (${e.message})`);
    if (e instanceof NotDecodedError) {
      throw unsupported(`kubesim does not decode ${e.path} (${e.messageType}) from protobuf; send the ${kind} as application/json or application/yaml (kubectl create -f / apply -f)`);
    }
    throw e;
  }
}

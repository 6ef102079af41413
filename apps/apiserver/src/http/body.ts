import { parse as parseContentType } from 'content-type';
import { parse as parseYaml } from 'yaml';
import { decodeK8sProtobuf, PROTOBUF } from './protobuf/k8s-protobuf';
import { depthOf, MAX_BODY_DEPTH, nestingExceeds } from './body-limits';
import { badRequest } from './status';

/** The media types kube-apiserver reads as YAML. */
const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']);

/** `application/json; charset=utf-8` → `application/json`, by `content-type`; none or malformed → ''. */
export function mediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  try {
    return parseContentType(contentType).type;
  } catch {
    return '';
  }
}

/** The request body as an object: JSON, YAML or Kubernetes protobuf, as the client says. Anything else is a 400. */
export function parseBody(raw: unknown, contentType: string | undefined): Record<string, any> {
  if (raw && typeof raw === 'object' && !Buffer.isBuffer(raw)) return raw as Record<string, any>;
  const type = mediaType(contentType);
  if (Buffer.isBuffer(raw) && type === PROTOBUF) return decodeK8sProtobuf(raw);
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  if (text.trim() === '') throw badRequest('the body of the request was empty');
  const value = decodeText(text, YAML_TYPES.has(type) ? 'yaml' : 'json', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml');
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('the body of the request must be a JSON object');
  const o = value as Record<string, any>;
  // As Go decodes it: absent or null metadata is an empty ObjectMeta (the name is then "Required"), never a crash downstream.
  if (o.metadata === undefined || o.metadata === null) o.metadata = {};
  return o;
}

const tooDeep = () => badRequest(`the body of the request nests objects and lists more than ${MAX_BODY_DEPTH} deep (exceeded max depth)`);

/** JSON or YAML text → a value, within the depth limit; a syntax error is a 400 prefixed by `what`. */
function decodeText(text: string, as: 'json' | 'yaml', what: string): unknown {
  if (nestingExceeds(text)) throw tooDeep();
  let value: unknown;
  try {
    // YAML: at most 100 aliases (the library's default, against "billion laughs"), and no custom tags.
    value = as === 'yaml' ? parseYaml(text, { maxAliasCount: 100, customTags: [] }) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`${what}: ${(e as Error).message}`);
  }
  if (depthOf(value) > MAX_BODY_DEPTH) throw tooDeep();
  return value;
}

/** A PATCH body (always JSON, whatever the patch type): a syntax error or excessive nesting is a 400, as kube-apiserver's patch decoding. */
export function parsePatchBody(raw: unknown): unknown {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : raw === undefined ? '' : JSON.stringify(raw);
  if (text.trim() === '') throw badRequest('the body of the request was empty');
  return decodeText(text, 'json', 'the body of the request was in an unknown format');
}

import { parse as parseContentType } from 'content-type';
import { parse as parseYaml } from 'yaml';
import { decodeK8sProtobuf, PROTOBUF } from './protobuf/k8s-protobuf';
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
  let value: unknown;
  try {
    value = YAML_TYPES.has(type) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml: ${(e as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('the body of the request must be a JSON object');
  return value as Record<string, any>;
}

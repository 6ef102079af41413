import { OBJECT_META, POD, SERVICE, unknownFields, WORKLOAD } from '@kubesim/api';
import type { Request, Response } from 'express';
import { parseBody } from './body';
import { unknownFieldsOf } from './openapi/unknown-fields';
import { failure, StatusError } from './status';

const SCHEMAS: Record<string, Parameters<typeof unknownFields>[1]> = {
  Pod: POD,
  Service: SERVICE,
  Deployment: WORKLOAD,
  ReplicaSet: WORKLOAD,
  DaemonSet: WORKLOAD,
  Namespace: { apiVersion: 'scalar', kind: 'scalar', metadata: OBJECT_META, spec: 'any', status: 'any' },
};

/**
 * Server-side field validation of a POST or PUT body (`?fieldValidation=`): `Strict` (kubectl's
 * default) refuses unknown fields with 400 "strict decoding error"; `Warn` (the server's default)
 * accepts and sends a `Warning` header per field; `Ignore` says nothing.
 */
export function validateFields(kind: string, groupVersion: string, req: Request, res: Response, openApiSchema?: string, unknownOf?: (body: Record<string, unknown>) => string[]): void {
  const schema = SCHEMAS[kind];
  if ((!schema && !openApiSchema && !unknownOf) || !['POST', 'PUT'].includes(req.method.toUpperCase())) return;
  const mode = String(req.query.fieldValidation ?? 'Warn');
  if (mode === 'Ignore') return;
  let body: Record<string, unknown>;
  try {
    body = parseBody(req.body, req.header('content-type'));
  } catch {
    return; // the handler reports the malformed body
  }
  const unknown = unknownOf ? unknownOf(body) : schema ? unknownFields(body, schema) : unknownFieldsOf(body, openApiSchema!);
  if (unknown.length === 0) return;
  if (mode === 'Strict') {
    const list = unknown.map((f) => `unknown field "${f}"`).join(', ');
    throw new StatusError(failure(400, 'BadRequest', `${kind} in version "${groupVersion.split('/').pop()}" cannot be handled as a ${kind}: strict decoding error: ${list}`));
  }
  res.setHeader('Warning', unknown.map((f) => `299 - "unknown field \\"${f}\\""`).join(', '));
}

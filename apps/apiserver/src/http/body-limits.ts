import type { NextFunction, Request, Response } from 'express';
import { failure } from './status';
import type { Status } from '@kubesim/api';

/** kube-apiserver's `--max-request-body-bytes` default (3 MiB): a larger body is a 413 before it is parsed. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/**
 * How deeply a body may nest objects and lists. Kubernetes objects nest about 15 deep (a CRD's
 * schema a little more); recursive code downstream (patches, admission, `evolve`, structuredClone)
 * must never meet a body nested thousands deep.
 */
export const MAX_BODY_DEPTH = 100;

/** `Request entity too large: limit is 3145728`, as apimachinery's NewRequestEntityTooLargeError. */
export const requestEntityTooLarge = (limit: number): Status => failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

/** An error from express's body parsers (http-errors): its status, its type. */
interface BodyParserError {
  status?: number;
  type?: string;
  message?: string;
  charset?: string;
  encoding?: string;
}

/** What a body parser's refusal is as a Kubernetes Status: too large 413, an unsupported charset or encoding 415, unreadable 400. */
export function bodyParserStatus(e: BodyParserError): Status | undefined {
  switch (e.type) {
    case 'entity.too.large':
      return requestEntityTooLarge(MAX_REQUEST_BODY_BYTES);
    case 'charset.unsupported':
      return failure(415, 'UnsupportedMediaType', `unsupported charset "${String(e.charset ?? '').toUpperCase()}": the body of the request must be UTF-8`);
    case 'encoding.unsupported':
      return failure(415, 'UnsupportedMediaType', `unsupported content encoding "${e.encoding ?? ''}": kube-apiserver reads request bodies uncompressed (Content-Encoding: identity)`);
    default:
      if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return failure(400, 'BadRequest', `the body of the request could not be read: ${e.message ?? 'malformed'}`);
      return undefined;
  }
}

/** Express error middleware right after the body parsers: their refusals leave as a Status, never express's HTML page or a 500. */
export function bodyParserErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const status = err && typeof err === 'object' ? bodyParserStatus(err as BodyParserError) : undefined;
  if (!status) return next(err);
  res.status(status.code).type('application/json').send(JSON.stringify(status));
}

/**
 * The deepest nesting of `[`/`{` in a JSON or YAML flow text, outside quoted strings, stopping as
 * soon as it passes `limit`: a linear scan that runs before any parser can recurse on the text.
 */
export function nestingExceeds(text: string, limit = MAX_BODY_DEPTH): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"') quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > limit) return true;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return false;
}

/** The nesting of a parsed value (iterative: a deep value cannot overflow the stack here). */
export function depthOf(value: unknown, limit = MAX_BODY_DEPTH): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return max;
}

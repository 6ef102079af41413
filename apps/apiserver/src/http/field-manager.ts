import type { Request } from 'express';
import type { Writer } from '../commands/command-bus';
import type { ResourceInfo } from './resources';

/**
 * The field manager of a request: `?fieldManager=`, or the user agent's first word as upstream's
 * prefixFromUserAgent takes it (printable characters, at most 128): `kubectl` for `kubectl/v1.32.0 …`.
 */
export function fieldManagerOf(req: Request): string {
  const given = req.query?.fieldManager;
  if (typeof given === 'string' && given !== '') return given;
  return [...(req.header('user-agent') ?? '').split('/')[0]].filter((c) => c >= ' ' && c !== '\x7f').join('').slice(0, 128);
}

/** A REST write recorded as an Update by the request's field manager, in the version it used. */
export function restWriter(r: { req: Request; info: ResourceInfo; by: string }, subresource?: string): Writer {
  return { by: r.by, fields: { type: 'update', manager: fieldManagerOf(r.req), apiVersion: r.info.groupVersion, ...(subresource ? { subresource } : {}) } };
}

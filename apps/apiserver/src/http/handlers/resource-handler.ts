import type { KubeObject, Subresource } from '@kubesim/api';
import type { Request, Response } from 'express';
import type { Writer } from '../../commands/command-bus';
import type { Reply } from '../read-output';
import type { ResourceInfo } from '../resources';

/** One request to a resource, as its handler sees it. */
export interface ResourceRequest {
  info: ResourceInfo;
  /** '' for cluster-scoped resources. */
  namespace: string;
  req: Request;
  res: Response;
  /** The caller, for the log (`user:kubectl`). */
  by: string;
}

/** A subresource's answer; `undefined` when it streamed its own response. */
export type SubresourceHandler = (r: ResourceRequest, current: KubeObject, method: string) => Promise<Reply | undefined>;

/**
 * The writes of one storage strategy. Reads (get, list, watch, GET of `/status`) are the same for
 * every stored kind and are not here. A verb the handler lacks is answered 405 even if declared.
 */
export interface ResourceHandler {
  create?(r: ResourceRequest): Promise<Reply>;
  update?(r: ResourceRequest, current: KubeObject): Promise<Reply>;
  patch?(r: ResourceRequest, current: KubeObject): Promise<Reply>;
  delete?(r: ResourceRequest, current: KubeObject): Promise<Reply>;
  subresources?: Partial<Record<Subresource, SubresourceHandler>>;
  /** Writes a server-side apply's merged object (in the requested version): a create when `current` is absent. */
  apply?(r: ResourceRequest, current: KubeObject | undefined, object: Record<string, any>, who: Writer): Promise<Reply>;
  /** Writes a server-side apply of `/status`. */
  applyStatus?(r: ResourceRequest, current: KubeObject | undefined, object: Record<string, any>, who: Writer): Promise<Reply>;
}

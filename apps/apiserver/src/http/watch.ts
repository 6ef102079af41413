import type { KubeObject } from '@kubesim/api';
import type { Change, ChangeType } from '@kubesim/core';
import type { Request, Response } from 'express';
import type { Projection } from '@kubesim/eventlog';
import { list, selects, type Query } from './list';
import { failure } from './status';

export interface WatchOptions {
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  /** Wall-clock ms between bookmarks. */
  bookmarkEveryMs?: number;
  /** What goes on the wire as each event's object (default: the object itself); not used for ERROR. */
  encode?: WatchEncoder;
  /** Defaults to application/json. */
  contentType?: string;
}

/** A BOOKMARK's object: the watched kind with only metadata.resourceVersion set. */
export interface BookmarkObject {
  kind: KubeObject['kind'];
  apiVersion: 'v1';
  metadata: { resourceVersion: string };
}

export type WatchEncoder = (type: ChangeType | 'BOOKMARK', object: KubeObject | BookmarkObject) => unknown;

/**
 * Streams `{type, object}` lines: from a resourceVersion, the changes after it; without one,
 * synthetic ADDED events for what exists, then changes. A resourceVersion older than the kept
 * history gets one ERROR event with a 410 Expired Status, as kube-apiserver does.
 */
export function serveWatch(cluster: Projection, q: Query, opts: WatchOptions, req: Request, res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', opts.contentType ?? 'application/json');
  res.setHeader('Transfer-Encoding', 'chunked');
  res.setHeader('Cache-Control', 'no-cache, private');
  res.flushHeaders();
  const writeLine = (type: string, object: unknown) => res.write(JSON.stringify({ type, object }) + '\n');
  const encode = opts.encode ?? ((_type, object) => object);
  const write = (type: ChangeType | 'BOOKMARK', object: KubeObject | BookmarkObject) => writeLine(type, encode(type, object));

  let lastSent = cluster.seq;
  const pending: Change[] = [];
  let live = false;
  const deliver = (c: Change) => {
    if (c.seq <= lastSent) return;
    lastSent = c.seq;
    if (selects(q, c.object)) write(c.type, c.object);
  };
  const unsubscribe = cluster.subscribe((c) => (live ? deliver(c) : pending.push(c)));

  const rv = opts.resourceVersion;
  if (rv === undefined || rv === '' || rv === '0') {
    for (const o of list(q, cluster.store.list(q.info.kind))) write('ADDED', o);
  } else {
    const from = Number(rv);
    const changes = Number.isFinite(from) ? cluster.changesSince(from) : undefined;
    if (!changes) {
      const status = Number.isFinite(from)
        ? failure(410, 'Expired', `too old resource version: ${rv} (${cluster.oldestSeq()})`)
        : failure(400, 'BadRequest', `invalid resource version: ${rv}`);
      writeLine('ERROR', status);
      unsubscribe();
      res.end();
      return;
    }
    lastSent = from;
    for (const c of changes) deliver(c);
  }
  for (const c of pending) deliver(c);
  live = true;

  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    unsubscribe();
    timers.forEach((t) => clearTimeout(t));
    if (!res.writableEnded) res.end();
  };
  if (opts.timeoutSeconds && opts.timeoutSeconds > 0) timers.push(setTimeout(close, opts.timeoutSeconds * 1000));
  if (opts.allowWatchBookmarks) {
    const every = opts.bookmarkEveryMs ?? 60_000;
    const bookmark = () => {
      write('BOOKMARK', { kind: q.info.kind, apiVersion: 'v1', metadata: { resourceVersion: String(cluster.seq) } });
      timers.push(setTimeout(bookmark, every));
    };
    timers.push(setTimeout(bookmark, every));
  }
  req.on('close', close);
}

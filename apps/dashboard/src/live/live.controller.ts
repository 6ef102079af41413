import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LogSource } from './log-source';
import { changeMessage, snapshotMessage } from './live-messages';

/** Keeps proxies and the browser from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/live`: server-sent events from the projection's watch — the whole view, then one
 * message per record that changed an object. No polling anywhere.
 */
@Controller('api')
export class LiveController {
  constructor(@Inject(LogSource) private readonly source: LogSource) {}

  @Get('live')
  live(@Req() req: Request, @Res() res: Response) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    const p = this.source.projection;
    const send = (m: unknown) => res.write(`data: ${JSON.stringify(m)}\n\n`);
    send(snapshotMessage(p.store, p.seq, Date.now()));
    const unsubscribe = p.subscribe((c) => send(changeMessage(c, p.store, Date.now())));
    const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(beat);
      unsubscribe();
    });
  }
}

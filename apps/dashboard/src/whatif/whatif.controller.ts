import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { formatLine } from '@kubesim/replay';
import type { Request, Response } from 'express';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HistoryService } from '../history/history.service';
import { WhatIfDto } from './whatif.dto';

/** The kubesim command (dist/apps/dashboard/src/whatif → the repository's bin/). */
const KUBESIM = resolve(__dirname, '../../../../../bin/kubesim');

/**
 * What if: `kubesim replay --resimulate LOG [--nodes N] [--time-scale X]` run as the CLI runs it
 * (a fresh cluster in a temporary data dir), its progress and report streamed back as JSON lines
 * (`{"progress":…}`, `{"report":…}`, `{"exit":code}`). The log is an uploaded export or this
 * cluster's own. Closing the request stops the run (and its cluster).
 */
@Controller('api')
export class WhatIfController {
  constructor(@Inject(HistoryService) private readonly history: HistoryService) {}

  @Post('whatif')
  run(@Body() b: WhatIfDto, @Req() req: Request, @Res() res: Response) {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-whatif-'));
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, b.log ?? [...this.history.index.all()].map((r) => formatLine({ ...r, subject: r.subject ?? '' })).join(''));
    const args = [KUBESIM, 'replay', '--resimulate', file, ...(b.nodes ? ['--nodes', String(b.nodes)] : []), ...(b.timeScale ? ['--time-scale', String(b.timeScale)] : [])];
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache' });
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const send = (m: object) => res.write(JSON.stringify(m) + '\n');
    child.stderr.setEncoding('utf8').on('data', (d: string) => send({ progress: d }));
    child.stdout.setEncoding('utf8').on('data', (d: string) => send({ report: d }));
    child.once('exit', (code) => {
      send({ exit: code ?? 1 });
      res.end();
      rmSync(dir, { recursive: true, force: true });
    });
    req.on('close', () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    });
  }
}

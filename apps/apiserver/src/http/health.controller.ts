import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Node } from '@kubesim/api';
import type { Request, Response } from 'express';
import { AGGREGATED_DISCOVERY, aggregatedDiscovery, wantsAggregated } from './aggregated-discovery';
import { ApiserverConfig } from '../config/apiserver.config';
import { Projection } from '@kubesim/eventlog';

/** The Kubernetes version kubesim presents itself as (kubectl's skew check reads it). */
export const KUBE_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0-kubesim' };

export function readyNodes(cluster: Projection): number {
  let n = 0;
  for (const o of cluster.store.list('Node')) {
    if ((o as Node).status.conditions.some((c) => c.type === 'Ready' && c.status === 'True')) n++;
  }
  return n;
}

@Controller()
export class HealthController {
  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiserverConfig) private readonly config: ApiserverConfig,
  ) {}

  @Get('version')
  version() {
    return {
      ...KUBE_VERSION,
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2026-11-28T00:00:00Z',
      goVersion: `node${process.versions.node}`,
      compiler: 'kubesim',
      platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
    };
  }

  @Get(['healthz', 'livez'])
  live(@Res() res: Response) {
    res.type('text/plain').send('ok');
  }

  /** 200 once the store is rebuilt and the expected number of nodes is Ready. */
  @Get('readyz')
  ready(@Res() res: Response) {
    const ready = readyNodes(this.cluster);
    if (ready >= this.config.expectedNodes) {
      res.type('text/plain').send('ok');
      return;
    }
    res.status(503).type('text/plain').send(`[-]nodes failed: ${ready}/${this.config.expectedNodes} nodes Ready\nreadyz check failed`);
  }

  /** The core group's versions, or with aggregated discovery its resources too. */
  @Get('api')
  api(@Req() req: Request, @Res() res: Response) {
    if (wantsAggregated(req.header('accept'))) return void res.type(AGGREGATED_DISCOVERY).send(JSON.stringify(aggregatedDiscovery('core')));
    res.json({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${this.config.host}:${this.config.port}` }] });
  }
}

import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Node } from '@kubesim/api';
import type { Response } from 'express';
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

  @Get('api')
  api() {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${this.config.host}:${this.config.port}` }] };
  }
}

import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import type { KubeEvent } from '@kubesim/api';
import { parsePoint } from '@kubesim/replay';
import { LogSource } from '../live/log-source';
import { clusterView, eventView } from '../view/cluster-view';
import { HistoryService } from './history.service';

/** The scrubber's and the pod story's reads: the log as history. */
@Controller('api')
export class HistoryController {
  constructor(
    @Inject(HistoryService) private readonly history: HistoryService,
    @Inject(LogSource) private readonly source: LogSource,
  ) {}

  /** The extent of the log, for the scrubber's range. */
  @Get('history')
  info() {
    const i = this.history.index;
    return { ready: this.history.ready, records: i.length, firstSeq: i.firstSeq, lastSeq: i.lastSeq, firstTime: i.timeOf(i.firstSeq) ?? 0, lastTime: i.timeOf(i.lastSeq) ?? 0 };
  }

  /** `GET /api/history/at?seq=N` or `?time=RFC3339|ms`: the cluster as it was then (as `kubesim replay --at`). */
  @Get('history/at')
  at(@Query('seq') seq?: string, @Query('time') time?: string) {
    if (!this.history.ready) throw new NotFoundException('the log is still being read');
    if ((seq === undefined) === (time === undefined)) throw new BadRequestException('give exactly one of seq or time');
    let point;
    try {
      point = seq !== undefined ? parsePoint(seq, 'seq') : /^\d+$/.test(time!) ? { time: Number(time) } : parsePoint(time!, 'time');
    } catch (e) {
      throw new BadRequestException((e as Error).message);
    }
    const i = this.history.index;
    const s = i.seqAt(point);
    return clusterView(i.viewAt(s), s, i.timeOf(s) ?? 0);
  }

  /** The points of the log where node `name` changed (STATUS, taints, a `kubesim node …`): the scrubber's "next" for a node. */
  @Get('nodes/:name/transitions')
  nodeTransitions(@Param('name') name: string) {
    return { ready: this.history.ready, seqs: this.history.index.nodeTransitions(name) };
  }

  /** A pod's story: its timeline from the log (as `kubesim replay --pod ns/name`) and its Events now. */
  @Get('pods/:namespace/:name/story')
  story(@Param('namespace') namespace: string, @Param('name') name: string) {
    const timeline = this.history.index.podTimeline(namespace, name);
    const events = ([...this.source.projection.store.list('Event')] as KubeEvent[])
      .filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === name && (e.involvedObject.namespace ?? e.metadata.namespace) === namespace)
      .map(eventView)
      .sort((a, b) => a.last.localeCompare(b.last));
    return { ready: this.history.ready, timeline, events };
  }
}

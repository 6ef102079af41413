import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CreateDto, ExecDto, NodeProcessDto, ObjectRefDto, ScaleDto } from './actions.dto';
import { ActionsService } from './actions.service';
import { DashboardConfig } from '../config/dashboard.config';

/** The dashboard's writes; each answers 200 with kubectl's lines and errors (an error is not an HTTP failure of the dashboard). */
@Controller('api')
export class ActionsController {
  constructor(
    @Inject(ActionsService) private readonly actions: ActionsService,
    @Inject(DashboardConfig) private readonly config: DashboardConfig,
  ) {}

  /** What the page needs to know about where it runs. */
  @Get('config')
  info() {
    return { server: this.config.server, mode: this.config.controlSocket ? 'up' : 'compose' };
  }

  @Post('create')
  @HttpCode(200)
  create(@Body() b: CreateDto) {
    return this.actions.create(b.yaml, b.namespace);
  }

  @Post('delete')
  @HttpCode(200)
  delete(@Body() b: ObjectRefDto) {
    return this.actions.delete(b.kind, b.namespace, b.name);
  }

  @Post('scale')
  @HttpCode(200)
  scale(@Body() b: ScaleDto) {
    return this.actions.scale(b.kind, b.namespace, b.name, b.replicas);
  }

  @Post('nodes/:name/cordon')
  @HttpCode(200)
  cordon(@Param('name') name: string) {
    return this.actions.cordon(name, true);
  }

  @Post('nodes/:name/uncordon')
  @HttpCode(200)
  uncordon(@Param('name') name: string) {
    return this.actions.cordon(name, false);
  }

  @Post('nodes/:name/drain')
  @HttpCode(200)
  drain(@Param('name') name: string) {
    return this.actions.drain(name);
  }

  @Post('nodes/:name/process')
  @HttpCode(200)
  process(@Param('name') name: string, @Body() b: NodeProcessDto) {
    return this.actions.nodeProcess(name, b.op);
  }

  @Get('pods/:namespace/:name/log')
  logs(@Param('namespace') namespace: string, @Param('name') name: string, @Query('container') container?: string, @Query('previous') previous?: string) {
    return this.actions.logs(namespace, name, container, previous === 'true');
  }

  @Post('pods/:namespace/:name/exec')
  @HttpCode(200)
  exec(@Param('namespace') namespace: string, @Param('name') name: string, @Body() b: ExecDto) {
    return this.actions.exec(namespace, name, b.container, b.command);
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { ActionsController } from './actions/actions.controller';
import { ActionsService } from './actions/actions.service';
import { DashboardConfig } from './config/dashboard.config';
import { HistoryController } from './history/history.controller';
import { HistoryService } from './history/history.service';
import { LiveController } from './live/live.controller';
import { LogSource } from './live/log-source';
import { ShellGateway } from './shell/shell.gateway';
import { WhatIfController } from './whatif/whatif.controller';

@Module({})
export class AppModule {
  static forRoot(config: DashboardConfig): DynamicModule {
    return {
      module: AppModule,
      controllers: [LiveController, HistoryController, ActionsController, WhatIfController],
      providers: [{ provide: DashboardConfig, useValue: config }, LogSource, HistoryService, ActionsService, ShellGateway],
    };
  }
}

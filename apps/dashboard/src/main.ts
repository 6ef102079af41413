import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { logLevels, runComponent } from '@kubesim/cluster-client';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { loadDashboardConfig } from './config/dashboard.config';

/** The built front end (`npm run build` puts Vite's output next to this app's compiled code). */
const UI_DIR = join(__dirname, '..', 'ui');

runComponent('dashboard', loadDashboardConfig, async (config) => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: logLevels(config.logLevel) });
  // An uploaded log for what-if can be large (`kubesim export` of a long run).
  app.useBodyParser('json', { limit: '256mb' });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  if (!existsSync(join(UI_DIR, 'index.html'))) throw new Error(`the dashboard's front end is missing (${UI_DIR}): run npm run build`);
  app.useStaticAssets(UI_DIR, { index: 'index.html', maxAge: 0 });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  console.log(`dashboard: http://${config.host}:${config.port}/`);
  return app;
});

import { Controller, Get } from '@nestjs/common';
import { groupVersionOpenApi, openApiPath, openApiV3Index } from './openapi';

/** `/openapi/v3`: the index and one document per group version (see openapi.ts). */
@Controller('openapi/v3')
export class OpenApiController {
  private readonly core = groupVersionOpenApi('v1');
  private readonly apps = groupVersionOpenApi('apps/v1');
  private readonly coordination = groupVersionOpenApi('coordination.k8s.io/v1');
  private readonly index = openApiV3Index(this.core, { [openApiPath('apps/v1')]: this.apps, [openApiPath('coordination.k8s.io/v1')]: this.coordination });

  @Get()
  root() {
    return this.index;
  }

  @Get('api/v1')
  coreV1() {
    return this.core;
  }

  @Get('apis/apps/v1')
  appsV1() {
    return this.apps;
  }

  @Get('apis/coordination.k8s.io/v1')
  coordinationV1() {
    return this.coordination;
  }
}

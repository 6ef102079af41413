import { Controller, Get } from '@nestjs/common';
import { coreV1OpenApi, openApiV3Index } from './openapi';

/** `/openapi/v3`: just enough for kubectl's field-validation check (see openapi.ts). */
@Controller('openapi/v3')
export class OpenApiController {
  private readonly doc = coreV1OpenApi();
  private readonly index = openApiV3Index(this.doc);

  @Get()
  root() {
    return this.index;
  }

  @Get('api/v1')
  coreV1() {
    return this.doc;
  }
}

import { Controller, Get, Param } from '@nestjs/common';
import { onCustomResourcesChanged } from '@kubesim/api';
import { failure, StatusError } from '../status';
import { allOpenApiDocuments, openApiV3Index } from './openapi';

/** `/openapi/v3`: the index and one document per served group version (see openapi.ts). */
@Controller('openapi/v3')
export class OpenApiController {
  private documents = allOpenApiDocuments();
  private index = openApiV3Index(this.documents);
  // A CRD established or deleted changes the group versions served.
  private readonly unsubscribe = onCustomResourcesChanged(() => {
    this.documents = allOpenApiDocuments();
    this.index = openApiV3Index(this.documents);
  });

  @Get()
  root() {
    return this.index;
  }

  @Get('*path')
  document(@Param('path') path: string[] | string) {
    const key = Array.isArray(path) ? path.join('/') : path;
    const doc = this.documents[key];
    if (!doc) throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
    return doc;
  }
}

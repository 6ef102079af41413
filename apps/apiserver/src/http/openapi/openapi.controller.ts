import { Controller, Get, Param, type OnModuleDestroy } from '@nestjs/common';
import { onCustomResourcesChanged } from '@kubesim/api';
import { failure, StatusError } from '../status';
import { allOpenApiDocuments, openApiV3Index } from './openapi';

/** `/openapi/v3`: the index and one document per served group version (see openapi.ts). */
@Controller('openapi/v3')
export class OpenApiController implements OnModuleDestroy {
  private built?: { documents: Record<string, object>; index: ReturnType<typeof openApiV3Index> };
  // A CRD established, changed or deleted changes the documents: rebuilt on the next request.
  private readonly unsubscribe = onCustomResourcesChanged(() => (this.built = undefined));

  private get current() {
    if (!this.built) {
      const documents = allOpenApiDocuments();
      this.built = { documents, index: openApiV3Index(documents) };
    }
    return this.built;
  }

  onModuleDestroy() {
    this.unsubscribe();
  }

  @Get()
  root() {
    return this.current.index;
  }

  @Get('*path')
  document(@Param('path') path: string[] | string) {
    const key = Array.isArray(path) ? path.join('/') : path;
    const doc = this.current.documents[key];
    if (!doc) throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
    return doc;
  }
}

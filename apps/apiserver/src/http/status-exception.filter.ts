import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { rpcReply } from '../internal/rpc-status.filter';
import { failure, statusHeaders, toStatus } from './status';

/** Every error leaves the apiserver as a Kubernetes Status: the HTTP body, or the NATS reply. */
@Catch()
export class StatusExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost) {
    // Over NATS a refusal is a reply too (registered once: Nest picks the first matching global filter).
    if (host.getType() === 'rpc') return rpcReply(exception);
    const res = host.switchToHttp().getResponse<Response>();
    let status = toStatus(exception);
    if (exception instanceof HttpException) {
      const code = exception.getStatus();
      status = code === 404 ? failure(404, 'NotFound', 'the server could not find the requested resource') : failure(code, code === 400 ? 'BadRequest' : 'InternalError', exception.message);
    }
    if (status.code >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status.code).set(statusHeaders(status)).type('application/json').send(JSON.stringify(status));
  }
}

import { BadRequestException } from '@nestjs/common';
import type { Reply } from '@kubesim/api';
import { of, type Observable } from 'rxjs';
import { failure, toStatus } from '../http/status';

/**
 * Over NATS, a refused request (a DTO that fails validation, a domain error) still gets a reply:
 * `{ ok: false, status }` with the Status the HTTP API would give.
 */
export function rpcReply(exception: unknown): Observable<Reply> {
  if (exception instanceof BadRequestException) {
    const body = exception.getResponse() as { message?: string[] | string };
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
    return of({ ok: false, status: failure(400, 'BadRequest', message) });
  }
  return of({ ok: false, status: toStatus(exception) });
}

import type { Reply } from '@kubesim/api';
import { commandSubject, INTERNAL_COMMAND_NAMES, principalOfCaller, type InternalCommandName, type InternalPayload, type Principal } from '@kubesim/core';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';

/** A payload as a caller writes it: `by` is the client's own unless given. */
export type Request<K extends InternalCommandName> = Omit<InternalPayload<K>, 'by'> & { by?: string };

/** One typed method per internal command of INTERNAL_COMMANDS (`api.bindPod({...})`). */
type Methods = { readonly [K in InternalCommandName]: (r: Request<K>) => Promise<Reply> };

export class ApiUnavailableError extends Error {}

/**
 * Typed writes to the apiserver over NATS request/reply. A refusal is `{ ok: false, status }`.
 * Each is published on its command's subject for this client's principal (`…pods.status.node.node-1`):
 * the broker lets a user publish only its own, and the apiserver takes the identity from it.
 */
export interface ApiClient extends Methods {}
export class ApiClient {
  constructor(
    private readonly proxy: ClientProxy,
    readonly by: string,
    private readonly timeoutMs = 10_000,
    readonly principal: Principal = principalOfCaller(by),
  ) {
    for (const name of INTERNAL_COMMAND_NAMES) {
      Object.defineProperty(this, name, { value: (r: object) => this.send(commandSubject(name, this.principal), r), enumerable: false });
    }
  }

  private async send(subject: string, payload: object): Promise<Reply> {
    try {
      return await firstValueFrom(this.proxy.send<Reply>(subject, { by: this.by, ...payload }).pipe(timeout(this.timeoutMs)));
    } catch (e) {
      throw new ApiUnavailableError(`${subject}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The same connection, writing as someone else (each node of a kubelet pool is `kubelet/<node>`). */
  as(by: string): ApiClient {
    return new ApiClient(this.proxy, by, this.timeoutMs);
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }
}

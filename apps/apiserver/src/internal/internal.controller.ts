import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { isGenericKind, loadKubernetesModels, validatePayload, type GenericKind, type GenericObject, type Reply } from '@kubesim/api';
import { INTERNAL_COMMAND_NAMES, INTERNAL_COMMANDS, notFound, refOf, type InternalCommandContext, type InternalCommandName } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { CommandBus } from '../commands/command-bus';
import { admit } from '../http/admission';
import { admitPod } from '../http/pod-writes';
import { failure, StatusError, toStatus } from '../http/status';

/**
 * Writes from the scheduler, kubelets and controllers, over NATS request/reply: one handler per
 * entry of INTERNAL_COMMANDS (subject → payload validation → core Command → the command bus).
 */
@Controller()
export class InternalController {
  constructor(
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Inject(Projection) private readonly cluster: Projection,
  ) {
    loadKubernetesModels();
  }

  private readonly context: InternalCommandContext = {
    admitPod: (object, namespace) => admitPod(object, namespace),
    admitObject: (object, namespace, current) => admit(genericKind(object.kind), object, namespace, current),
    current: (object) => {
      const kind = genericKind(object.kind);
      const name = object.metadata.name ?? '';
      const current = this.cluster.store.get({ kind, namespace: object.metadata.namespace ?? '', name }) as GenericObject | undefined;
      if (!current) throw notFound(refOf(kind, name));
      return current;
    },
  };

  /** Validates `payload` as command `name` asks, maps it to its Command and runs it. */
  async handle(name: InternalCommandName, payload: unknown): Promise<Reply> {
    const def = INTERNAL_COMMANDS[name];
    const checked = validatePayload(def.payload as new () => object, payload);
    if (!checked.ok) {
      const message = `${def.subject}: invalid payload: ${checked.causes.map((c) => c.message).join('; ')}`;
      return { ok: false, status: failure(400, 'BadRequest', message, { causes: checked.causes }) };
    }
    try {
      const p = checked.payload as { by: string; cause?: string };
      const command = (def.command as (p: object, ctx: InternalCommandContext) => ReturnType<typeof def.command>)(p, this.context);
      const r = await this.bus.execute(command, { by: p.by, cause: p.cause });
      const o = r.objects[r.objects.length - 1] ?? r.objects[0];
      return { ok: true, resourceVersion: o?.metadata.resourceVersion ?? String(r.seq), ...(o ? { name: r.objects[0]?.metadata.name ?? o.metadata.name } : {}) };
    } catch (e) {
      return { ok: false, status: toStatus(e) };
    }
  }
}

// One @MessagePattern method per command, named as the command (InternalController.prototype.bindPod …).
for (const name of INTERNAL_COMMAND_NAMES) {
  const handler = {
    [name](this: InternalController, payload: unknown) {
      return this.handle(name, payload);
    },
  }[name];
  Object.defineProperty(InternalController.prototype, name, { value: handler, writable: true, configurable: true });
  MessagePattern(INTERNAL_COMMANDS[name].subject)(InternalController.prototype, name, Object.getOwnPropertyDescriptor(InternalController.prototype, name)!);
}

function genericKind(kind: unknown): GenericKind {
  if (typeof kind !== 'string' || !isGenericKind(kind)) throw new StatusError(failure(400, 'BadRequest', `kind ${String(kind)} cannot be written through this subject`));
  return kind;
}

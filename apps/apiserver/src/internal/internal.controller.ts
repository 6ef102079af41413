import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { isGenericKind, loadKubernetesModels, validatePayload, type GenericKind, type GenericObject, type Pod, type Reply, type WrittenObject } from '@kubesim/api';
import {
  authorizeCommand,
  commandSubscription,
  identityOf,
  INTERNAL_COMMAND_NAMES,
  INTERNAL_COMMANDS,
  notFound,
  principalOfSubject,
  refOf,
  type ClusterView,
  type Command,
  type InternalCommandContext,
  type InternalCommandName,
} from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { admitWrite, attributesOf } from '../admission';
import { CommandBus } from '../commands/command-bus';
import { PodServiceAccounts } from '../http/pod-service-account';
import { failure, StatusError, toStatus } from '../http/status';

/**
 * Writes from the scheduler, kubelets and controllers, over NATS request/reply: one handler per
 * entry of INTERNAL_COMMANDS (subject → payload validation → core Command → the command bus).
 * Objects go through the same admission chain as the REST API's, on the state they are decided on.
 * Who asks is the principal of the subject (`kubesim.api.pods.status.node.node-2`: the broker lets
 * only node-2's user publish it), recorded as `by` (`system:node:node-2`); NodeRestriction applies.
 */
@Controller()
export class InternalController {
  constructor(
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(PodServiceAccounts) private readonly serviceAccounts: PodServiceAccounts,
  ) {
    loadKubernetesModels();
  }

  /** Admission against `view` (the command bus's state at decide time). */
  private contextFor(view: ClusterView): InternalCommandContext {
    return {
      admitPod: (object, namespace) => admitWrite(attributesOf('CREATE', 'Pod', namespace, object), view) as Pod,
      admitObject: (object, namespace, current) => admitWrite(attributesOf(current ? 'UPDATE' : 'CREATE', genericKind(object.kind), namespace, object, current), view) as GenericObject,
      current: (object) => {
        const kind = genericKind(object.kind);
        const name = object.metadata.name ?? '';
        const current = view.get({ kind, namespace: object.metadata.namespace ?? '', name }) as GenericObject | undefined;
        if (!current) throw notFound(refOf(kind, name));
        return current;
      },
    };
  }

  /** Validates `payload` as command `name` received on `subject` asks, maps it to its Command(s) and runs them in order. */
  async handle(name: InternalCommandName, payload: unknown, subject: string): Promise<Reply> {
    const def = INTERNAL_COMMANDS[name];
    const principal = principalOfSubject(name, subject);
    if (!principal) return { ok: false, status: failure(403, 'Forbidden', `${subject}: no principal in the subject: publish on ${def.subject}.<node.NAME|scheduler|controller-manager|user>`) };
    const checked = validatePayload(def.payload as new () => object, payload);
    if (!checked.ok) {
      const message = `${def.subject}: invalid payload: ${checked.causes.map((c) => c.message).join('; ')}`;
      return { ok: false, status: failure(400, 'BadRequest', message, { causes: checked.causes }) };
    }
    try {
      const p = checked.payload as { by: string; cause?: string; object?: WrittenObject };
      const who = { by: identityOf(principal, p.by), cause: p.cause };
      if (name === 'createObject' && p.object?.kind === 'Pod') await this.serviceAccounts.waitFor(p.object.metadata.namespace ?? 'default', p.object.spec?.serviceAccountName);
      const map = def.command as (p: object, ctx: InternalCommandContext) => Command | readonly Command[];
      // How many commands the mapping asks for is known without admission: map once for the count.
      const count = countOf(map, p, this.contextFor(this.cluster.store));
      let r: Awaited<ReturnType<CommandBus['execute']>> | undefined;
      for (let i = 0; i < count; i++) {
        r = await this.bus.execute((view) => {
          authorizeCommand(principal, name, p as object, view);
          return nth(map(p, this.contextFor(view)), i);
        }, who);
      }
      const o = r?.objects[r.objects.length - 1] ?? r?.objects[0];
      return { ok: true, resourceVersion: o?.metadata.resourceVersion ?? String(r?.seq ?? this.cluster.seq), ...(o ? { name: r!.objects[0]?.metadata.name ?? o.metadata.name } : {}) };
    } catch (e) {
      return { ok: false, status: toStatus(e) };
    }
  }
}

/** Commands of a mapping: one, or a list carried out in order. */
function countOf(map: (p: object, ctx: InternalCommandContext) => Command | readonly Command[], p: object, ctx: InternalCommandContext): number {
  const out = isList(map) ? map(p, ctx) : undefined;
  return Array.isArray(out) ? out.length : 1;
}

/** Only list-returning mappings are called ahead of time (they need no admission). */
const LISTS = new Set<unknown>([INTERNAL_COMMANDS.namespaceStatus.command]);
const isList = (map: unknown) => LISTS.has(map);
const nth = (out: Command | readonly Command[], i: number): Command => (Array.isArray(out) ? (out as readonly Command[])[i] : (out as Command));

// One @MessagePattern method per command, named as the command (InternalController.prototype.bindPod …).
for (const name of INTERNAL_COMMAND_NAMES) {
  const handler = {
    [name](this: InternalController, payload: unknown, ctx: NatsContext) {
      return this.handle(name, payload, ctx.getSubject());
    },
  }[name];
  Object.defineProperty(InternalController.prototype, name, { value: handler, writable: true, configurable: true });
  // The payload and the message's context (its subject: who sent it).
  Payload()(InternalController.prototype, name, 0);
  Ctx()(InternalController.prototype, name, 1);
  MessagePattern(commandSubscription(name))(InternalController.prototype, name, Object.getOwnPropertyDescriptor(InternalController.prototype, name)!);
}

function genericKind(kind: unknown): GenericKind {
  if (typeof kind !== 'string' || !isGenericKind(kind)) throw new StatusError(failure(400, 'BadRequest', `kind ${String(kind)} cannot be written through this subject`));
  return kind;
}

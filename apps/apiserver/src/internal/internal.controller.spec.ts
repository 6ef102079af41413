import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { INTERNAL_COMMAND_NAMES, INTERNAL_COMMANDS, type Command } from '@kubesim/core';
import { aPod } from '@kubesim/testing';
import type { Projection } from '@kubesim/eventlog';
import type { CommandBus } from '../commands/command-bus';
import { InternalController } from './internal.controller';

/** A command bus that records what it is asked (a command, or one decided against an empty view) and answers with one object. */
function recordingBus(objects: object[] = []) {
  const commands: { command: Command; who: { by: string; cause?: string } }[] = [];
  const empty = { get: (k: { kind: string; name: string }) => objects.find((o) => (o as { kind: string }).kind === k.kind && (o as { metadata: { name: string } }).metadata.name === k.name), list: () => [], findEvent: () => undefined };
  const bus = {
    execute: async (command: Command | ((view: typeof empty) => Command), who: { by: string; cause?: string }) => {
      commands.push({ command: typeof command === 'function' ? command(empty) : command, who });
      return { seq: 7, objects: [{ metadata: { name: 'web', resourceVersion: '7' } }] };
    },
  } as unknown as CommandBus;
  return { bus, commands };
}

describe('InternalController: derived from INTERNAL_COMMANDS', () => {
  it.each(INTERNAL_COMMAND_NAMES)('%s has a NATS handler on its subject', (name) => {
    const method = (InternalController.prototype as unknown as Record<string, unknown>)[name];
    expect(typeof method).toBe('function');
    expect(Reflect.getMetadata(PATTERN_METADATA, method as object)).toEqual([`${INTERNAL_COMMANDS[name].subject}.>`]);
  });

  const controller = (bus: CommandBus) => new InternalController(bus, { store: { get: () => undefined } } as unknown as Projection, { waitFor: async () => undefined } as never);
  const call = (c: InternalController, name: string, payload: unknown, subject: string) =>
    (c as unknown as Record<string, (p: unknown, ctx: unknown) => Promise<unknown>>)[name](payload, { getSubject: () => subject });

  it('runs a valid payload as its core Command, by the principal of its subject (not the payload’s `by`) and for its cause', async () => {
    const { bus, commands } = recordingBus();
    const reply = await call(controller(bus), 'bindPod', { by: 'kubelet/node-1', cause: 'fits', namespace: 'default', name: 'web', uid: 'u', node: 'node-1' }, 'kubesim.api.pods.bind.scheduler');
    expect(reply).toEqual({ ok: true, resourceVersion: '7', name: 'web' });
    expect(commands).toEqual([{ command: { type: 'BindPod', namespace: 'default', name: 'web', uid: 'u', node: 'node-1' }, who: { by: 'system:kube-scheduler', cause: 'fits' } }]);
  });

  it.each([
    ['kubesim.api.pods.bind', 'no principal'],
    ['kubesim.api.pods.bind.somebody', 'an unknown one'],
    ['kubesim.api.pods.bind.node.node-1.extra', 'extra tokens'],
  ])('refuses a subject with %s (%s) with a 403, and runs nothing', async (subject) => {
    const { bus, commands } = recordingBus();
    expect(await call(controller(bus), 'bindPod', { by: 'default-scheduler', namespace: 'default', name: 'web', uid: 'u', node: 'node-1' }, subject)).toMatchObject({ ok: false, status: { code: 403, reason: 'Forbidden' } });
    expect(commands).toEqual([]);
  });

  it('NodeRestriction: a kubelet reporting status for a pod bound to another node is refused with upstream’s message', async () => {
    const pod = { ...aPod('web'), kind: 'Pod', spec: { ...aPod('web').spec, nodeName: 'node-2' } };
    const { bus, commands } = recordingBus([pod]);
    const reply = await call(controller(bus), 'reportPodStatus', { by: 'kubelet/node-2', namespace: 'default', name: 'web', uid: 'u', node: 'node-2', status: { phase: 'Running' } }, 'kubesim.api.pods.status.node.node-1');
    expect(reply).toMatchObject({ ok: false, status: { code: 403, reason: 'Forbidden', message: 'pods "web" is forbidden: node "node-1" can only update pod status for pods with spec.nodeName set to itself' } });
    expect(commands).toEqual([]);
  });

  it('refuses an invalid payload with a 400 Status naming the subject and the field, and runs nothing', async () => {
    const { bus, commands } = recordingBus();
    const c = new InternalController(bus, {} as Projection, { waitFor: async () => undefined } as never);
    const reply = await c.handle('taintNode', { by: 'node-controller', name: 'node-1', taints: [{ key: 'k', effect: 'Sometimes' }] }, 'kubesim.api.nodes.taint.controller-manager');
    expect(reply).toMatchObject({
      ok: false,
      status: {
        code: 400,
        reason: 'BadRequest',
        message: expect.stringMatching(/^kubesim\.api\.nodes\.taint: invalid payload: taints is not a valid Taint: \[0\]\.effect must be equal to one of the allowed values/),
        details: { causes: [expect.objectContaining({ field: 'taints' })] },
      },
    });
    expect(commands).toEqual([]);
  });

  it('a payload that is no object at all is a 400 too', async () => {
    const c = new InternalController(recordingBus().bus, {} as Projection, { waitFor: async () => undefined } as never);
    expect(await c.handle('bindPod', 'bind it', 'kubesim.api.pods.bind.scheduler')).toMatchObject({ ok: false, status: { code: 400, message: 'kubesim.api.pods.bind: invalid payload: the payload must be an object' } });
  });
});

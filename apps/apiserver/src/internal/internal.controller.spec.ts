import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { INTERNAL_COMMAND_NAMES, INTERNAL_COMMANDS, type Command } from '@kubesim/core';
import type { Projection } from '@kubesim/eventlog';
import type { CommandBus } from '../commands/command-bus';
import { InternalController } from './internal.controller';

/** A command bus that records what it is asked (a command, or one decided against an empty view) and answers with one object. */
function recordingBus() {
  const commands: { command: Command; who: { by: string; cause?: string } }[] = [];
  const empty = { get: () => undefined, list: () => [], findEvent: () => undefined };
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
    expect(Reflect.getMetadata(PATTERN_METADATA, method as object)).toEqual([INTERNAL_COMMANDS[name].subject]);
  });

  it('runs a valid payload as its core Command, by its caller and for its cause', async () => {
    const { bus, commands } = recordingBus();
    const c = new InternalController(bus, {} as Projection, { waitFor: async () => undefined } as never);
    const reply = await (c as unknown as Record<string, (p: unknown) => Promise<unknown>>).bindPod({ by: 'default-scheduler', cause: 'fits', namespace: 'default', name: 'web', uid: 'u', node: 'node-1' });
    expect(reply).toEqual({ ok: true, resourceVersion: '7', name: 'web' });
    expect(commands).toEqual([{ command: { type: 'BindPod', namespace: 'default', name: 'web', uid: 'u', node: 'node-1' }, who: { by: 'default-scheduler', cause: 'fits' } }]);
  });

  it('refuses an invalid payload with a 400 Status naming the subject and the field, and runs nothing', async () => {
    const { bus, commands } = recordingBus();
    const c = new InternalController(bus, {} as Projection, { waitFor: async () => undefined } as never);
    const reply = await c.handle('taintNode', { by: 'node-controller', name: 'node-1', taints: [{ key: 'k', effect: 'Sometimes' }] });
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
    expect(await c.handle('bindPod', 'bind it')).toMatchObject({ ok: false, status: { code: 400, message: 'kubesim.api.pods.bind: invalid payload: the payload must be an object' } });
  });
});

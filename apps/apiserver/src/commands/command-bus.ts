import { decide, groupByObject, SCHEMA_VERSION, type Command, type DecideContext } from '@kubesim/core';
import { AppendConflictError, type EventLog } from '@kubesim/eventlog';
import type { KubeObject } from '@kubesim/api';
import type { Projection } from '@kubesim/eventlog';

/** How often a command is re-decided after losing a race for an object. */
export const MAX_CONFLICT_RETRIES = 5;

export interface Executed {
  /** The objects the command wrote, after the write (undefined where deleted). */
  objects: (KubeObject | undefined)[];
  /** The last sequence written (the store's seq when nothing was written). */
  seq: number;
}

/**
 * The only writer of the log: decide against the projection, append each object's events with
 * its expected last sequence, wait until the projection has them. Commands run one at a time.
 */
export class CommandBus {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly log: EventLog,
    private readonly cluster: Projection,
    private readonly timeScale: number,
  ) {}

  execute(command: Command, who: { by: string; cause?: string }): Promise<Executed> {
    const run = this.tail.then(() => this.run(command, who));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async run(command: Command, who: { by: string; cause?: string }): Promise<Executed> {
    for (let attempt = 0; ; attempt++) {
      const ctx: DecideContext = { now: Date.now(), by: who.by, cause: who.cause, timeScale: this.timeScale };
      const events = decide(command, this.cluster.store, ctx);
      const groups = groupByObject(events);
      let seq = this.cluster.seq;
      try {
        for (const g of groups) {
          const current = this.cluster.store.get(g.key);
          const expected = current ? Number(current.metadata.resourceVersion) : 0;
          seq = await this.log.append(g.key, expected, { v: SCHEMA_VERSION, events: g.events });
          await this.cluster.waitFor(seq);
        }
      } catch (e) {
        if (!(e instanceof AppendConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw e;
        // Another writer got there first: catch up with the log and decide again.
        await this.cluster.waitFor(await this.log.lastSeq());
        continue;
      }
      return { objects: groups.map((g) => this.cluster.store.get(g.key)), seq };
    }
  }
}

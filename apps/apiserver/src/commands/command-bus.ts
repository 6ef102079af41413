import { decide, evolve, groupByObject, keyString, SCHEMA_VERSION, withManagedFields, type ClusterView, type Command, type DecideContext, type FieldsWrite } from '@kubesim/core';
import { AppendConflictError, type EventLog } from '@kubesim/eventlog';
import type { KubeObject } from '@kubesim/api';
import type { Projection } from '@kubesim/eventlog';

/** Who writes: the component or user agent for the log, and how its fields are recorded in managedFields. */
export interface Writer {
  by: string;
  cause?: string;
  /** The first object's managedFields entry (a REST write's field manager, or a server-side apply's result). */
  fields?: FieldsWrite;
}

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
 * The `dryRunner` decides and answers them without writing.
 */
export class CommandBus {
  private tail: Promise<unknown> = Promise.resolve();
  private dry?: CommandBus;

  constructor(
    private readonly log: EventLog,
    private readonly cluster: Projection,
    private readonly timeScale: number,
    /** Told how long each append to the log took (publish to ack), in seconds. */
    private readonly observeAppend: (seconds: number) => void = () => undefined,
    /** A dry-run bus (`dryRunner`): commands are decided, nothing is appended. */
    private readonly dryRun = false,
  ) {}

  /**
   * A command, or a function making it from the current state: admission runs there, inside this
   * one-at-a-time section, so what it checked (a quota's usage, a namespace's phase) still holds
   * when the command is decided.
   */
  execute(command: Command | ((view: ClusterView) => Command), who: Writer): Promise<Executed> {
    if (this.dryRun) return Promise.resolve(this.simulate(command, who));
    const run = this.tail.then(() => this.run(command, who));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * The bus for a server-side dry run (`?dryRun=All`): every `execute` runs admission and decides
   * as usual and answers with the objects as they would be, but appends nothing — the log and
   * every component see no change. A created object has no resourceVersion yet; an updated one
   * keeps its current one (as kube-apiserver's DryRunnableStorage answers).
   */
  dryRunner(): CommandBus {
    if (this.dryRun) return this;
    return (this.dry ??= new CommandBus(this.log, this.cluster, this.timeScale, this.observeAppend, true));
  }

  private context(who: Writer): DecideContext {
    return { now: Date.now(), by: who.by, cause: who.cause, timeScale: this.timeScale };
  }

  private simulate(make: Command | ((view: ClusterView) => Command), who: Writer): Executed {
    const command = typeof make === 'function' ? make(this.cluster.store) : make;
    const ctx = this.context(who);
    const groups = withAppliedGroup(groupByObject(decide(command, this.cluster.store, ctx)), who);
    const objects = groups.map((g, i) => {
      const current = this.cluster.store.get(g.key);
      const events = withManagedFields(g.key, g.events, current, ctx.now, who.by, i === 0 ? who.fields : undefined);
      const after = events.reduce<KubeObject | undefined>((o, e) => evolve(o, e, 0), current);
      if (!after) return undefined;
      const { resourceVersion: _, ...metadata } = after.metadata;
      return { ...after, metadata: current ? { ...metadata, resourceVersion: current.metadata.resourceVersion } : metadata } as KubeObject;
    });
    return { objects, seq: this.cluster.seq };
  }

  private async run(make: Command | ((view: ClusterView) => Command), who: Writer): Promise<Executed> {
    // Expected sequences learnt from JetStream after a conflict on an object the projection does not
    // have (e.g. a name re-created after a snapshot that kept no tombstone).
    const learnt = new Map<string, number>();
    for (let attempt = 0; ; attempt++) {
      const command = typeof make === 'function' ? make(this.cluster.store) : make;
      const ctx = this.context(who);
      const groups = withAppliedGroup(groupByObject(decide(command, this.cluster.store, ctx)), who);
      let seq = this.cluster.seq;
      try {
        for (const [i, g] of groups.entries()) {
          const current = this.cluster.store.get(g.key);
          const absent = !current;
          const expected = (absent ? learnt.get(keyString(g.key)) : undefined) ?? this.cluster.store.lastSeqOf(g.key);
          try {
            const started = performance.now();
            const events = withManagedFields(g.key, g.events, current, ctx.now, who.by, i === 0 ? who.fields : undefined);
            if (!events.length) continue;
            seq = await this.log.append(g.key, expected, { v: SCHEMA_VERSION, events });
            this.observeAppend((performance.now() - started) / 1000);
          } catch (e) {
            if (e instanceof AppendConflictError && absent) learnt.set(keyString(g.key), await this.log.lastSubjectSeq(g.key));
            throw e;
          }
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

/** A server-side apply that changes only who owns what still writes its managedFields: a group of its own. */
function withAppliedGroup(groups: ReturnType<typeof groupByObject>, who: Writer): ReturnType<typeof groupByObject> {
  if (groups.length || who.fields?.type !== 'applied') return groups;
  return [{ key: who.fields.key, events: [] }];
}

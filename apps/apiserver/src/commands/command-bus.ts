import { decide, evolve, groupByObject, keyString, SCHEMA_VERSION, withManagedFields, type ClusterView, type Command, type DecideContext, type FieldsWrite } from '@kubesim/core';
import { AppendConflictError, type EventLog } from '@kubesim/eventlog';
import type { KubeObject } from '@kubesim/api';
import type { Projection } from '@kubesim/eventlog';
import { RecordingView } from './footprint';
import { WriteGate, type Ticket } from './write-gate';

type ObjectGroup = ReturnType<typeof groupByObject>[number];

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
 * its expected last sequence, wait until the projection has them. Commands overlap: each decides
 * through a RecordingView, and the WriteGate holds it back only while a command being appended
 * writes something it read, listed or writes (then it decides again on a state with that write).
 * The `dryRunner` decides and answers them without writing.
 */
export class CommandBus {
  private readonly gate = new WriteGate();
  private dry?: CommandBus;
  private waits = 0;
  private turn?: Promise<void>;

  constructor(
    private readonly log: EventLog,
    private readonly cluster: Projection,
    private readonly timeScale: number,
    /** Told how long each append to the log took (publish to ack), in seconds. */
    private readonly observeAppend: (seconds: number) => void = () => undefined,
    /** A dry-run bus (`dryRunner`): commands are decided, nothing is appended. */
    private readonly dryRun = false,
    /** Where nodes' pod CIDRs come from (`KUBESIM_CLUSTER_CIDR`); undefined: 10.244.0.0/16. */
    private readonly clusterCidr?: string,
  ) {}

  /**
   * A command, or a function making it from the current state: admission runs there, against the
   * same recorded view as the decision, so what it checked (a quota's usage, a namespace's phase)
   * still holds when the command is appended — a write to any of it in between makes it decide again.
   */
  execute(command: Command | ((view: ClusterView) => Command), who: Writer): Promise<Executed> {
    if (this.dryRun) return Promise.resolve(this.simulate(command, who));
    const ticket = this.gate.arrive();
    return this.run(ticket, command, who).finally(() => this.gate.leave(ticket));
  }

  /** How often a command has waited for another one's write to decide again, since the start. */
  get waited(): number {
    return this.waits;
  }

  /** Commands between arrival and answer (decided, waiting or being appended). */
  get inFlight(): number {
    return this.gate.size;
  }

  /**
   * The bus for a server-side dry run (`?dryRun=All`): every `execute` runs admission and decides
   * as usual and answers with the objects as they would be, but appends nothing — the log and
   * every component see no change. A created object has no resourceVersion yet; an updated one
   * keeps its current one (as kube-apiserver's DryRunnableStorage answers).
   */
  dryRunner(): CommandBus {
    if (this.dryRun) return this;
    return (this.dry ??= new CommandBus(this.log, this.cluster, this.timeScale, this.observeAppend, true, this.clusterCidr));
  }

  private context(who: Writer): DecideContext {
    return { now: Date.now(), by: who.by, cause: who.cause, timeScale: this.timeScale, ...(this.clusterCidr ? { clusterCidr: this.clusterCidr } : {}) };
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

  /**
   * Group commit: the appends decided in one turn of the event loop (requests that arrived together)
   * are published together, after it — the NATS client writes what was published within one
   * microtask checkpoint in one socket write, which was a quarter of the apiserver's CPU per create.
   */
  private groupCommit(): Promise<void> {
    return (this.turn ??= new Promise((resolve) =>
      setImmediate(() => {
        this.turn = undefined;
        resolve();
      }),
    ));
  }

  private async run(ticket: Ticket, make: Command | ((view: ClusterView) => Command), who: Writer): Promise<Executed> {
    // Expected sequences learnt from JetStream after a conflict on an object the projection does not
    // have (e.g. a name re-created after a snapshot that kept no tombstone).
    const learnt = new Map<string, number>();
    for (let attempt = 0; ; ) {
      // Decide and ask the gate in one synchronous step: nothing reaches the projection in between.
      const view = new RecordingView(this.cluster.store);
      let decided: { ok: true; groups: ObjectGroup[] } | { ok: false; error: unknown };
      try {
        const command = typeof make === 'function' ? make(view) : make;
        const ctx = this.context(who);
        const groups = withAppliedGroup(groupByObject(decide(command, view, ctx)), who);
        // Each object's managedFields after the write, from the state the command was decided on.
        decided = { ok: true, groups: groups.map((g, i) => ({ key: g.key, events: withManagedFields(g.key, g.events, view.get(g.key), ctx.now, who.by, i === 0 ? who.fields : undefined) })) };
      } catch (error) {
        decided = { ok: false, error };
      }
      const blockers = this.gate.blockers(ticket, view.footprint(decided.ok ? decided.groups : []));
      if (blockers.length) {
        // Decided on a state missing a write it depends on (or refused on it): decide again with it.
        this.waits++;
        await Promise.all(blockers);
        continue;
      }
      if (!decided.ok) throw decided.error;
      const groups = decided.groups;
      this.gate.appending(ticket);
      if (groups.some((g) => g.events.length)) await this.groupCommit();
      let seq = this.cluster.seq;
      try {
        // The sequence each object's next group must expect: a command writing one object twice
        // (A, B, A) chains them without waiting for the projection in between.
        const expected = new Map<string, number>();
        for (const g of groups) {
          // Nothing to write for it (a server-side apply that changed nothing, not even ownership).
          if (!g.events.length) continue;
          const k = keyString(g.key);
          const absent = !this.cluster.store.get(g.key);
          const last = expected.get(k) ?? (absent ? learnt.get(k) : undefined) ?? this.cluster.store.lastSeqOf(g.key);
          try {
            const started = performance.now();
            seq = await this.log.append(g.key, last, { v: SCHEMA_VERSION, events: g.events });
            this.observeAppend((performance.now() - started) / 1000);
            expected.set(k, seq);
          } catch (e) {
            if (e instanceof AppendConflictError && absent && !expected.has(k)) learnt.set(k, await this.log.lastSubjectSeq(g.key));
            throw e;
          }
        }
        await this.cluster.waitFor(seq);
      } catch (e) {
        if (!(e instanceof AppendConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw e;
        // Another writer got there first: catch up with the log and decide again.
        // It stays "being appended" until then: a group it did append may not be in the projection yet.
        attempt++;
        await this.cluster.waitFor(await this.log.lastSeq());
        this.gate.redeciding(ticket);
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

import { decide, evolve, groupByObject, keyString, SCHEMA_VERSION, type ClusterView, type Command, type DecideContext } from '@kubesim/core';
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
    /** Where nodes' pod CIDRs come from (`KUBESIM_CLUSTER_CIDR`); undefined: 10.244.0.0/16. */
    private readonly clusterCidr?: string,
  ) {}

  /**
   * A command, or a function making it from the current state: admission runs there, inside this
   * one-at-a-time section, so what it checked (a quota's usage, a namespace's phase) still holds
   * when the command is decided.
   */
  execute(command: Command | ((view: ClusterView) => Command), who: { by: string; cause?: string }): Promise<Executed> {
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
    return (this.dry ??= new CommandBus(this.log, this.cluster, this.timeScale, this.observeAppend, true, this.clusterCidr));
  }

  private context(who: { by: string; cause?: string }): DecideContext {
    return { now: Date.now(), by: who.by, cause: who.cause, timeScale: this.timeScale, ...(this.clusterCidr ? { clusterCidr: this.clusterCidr } : {}) };
  }

  private simulate(make: Command | ((view: ClusterView) => Command), who: { by: string; cause?: string }): Executed {
    const command = typeof make === 'function' ? make(this.cluster.store) : make;
    const groups = groupByObject(decide(command, this.cluster.store, this.context(who)));
    const objects = groups.map((g) => {
      const current = this.cluster.store.get(g.key);
      const after = g.events.reduce<KubeObject | undefined>((o, e) => evolve(o, e, 0), current);
      if (!after) return undefined;
      const { resourceVersion: _, ...metadata } = after.metadata;
      return { ...after, metadata: current ? { ...metadata, resourceVersion: current.metadata.resourceVersion } : metadata } as KubeObject;
    });
    return { objects, seq: this.cluster.seq };
  }

  private async run(make: Command | ((view: ClusterView) => Command), who: { by: string; cause?: string }): Promise<Executed> {
    // Expected sequences learnt from JetStream after a conflict on an object the projection does not
    // have (e.g. a name re-created after a snapshot that kept no tombstone).
    const learnt = new Map<string, number>();
    for (let attempt = 0; ; attempt++) {
      const command = typeof make === 'function' ? make(this.cluster.store) : make;
      const events = decide(command, this.cluster.store, this.context(who));
      const groups = groupByObject(events);
      let seq = this.cluster.seq;
      try {
        for (const g of groups) {
          const absent = !this.cluster.store.get(g.key);
          const expected = (absent ? learnt.get(keyString(g.key)) : undefined) ?? this.cluster.store.lastSeqOf(g.key);
          try {
            const started = performance.now();
            seq = await this.log.append(g.key, expected, { v: SCHEMA_VERSION, events: g.events });
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

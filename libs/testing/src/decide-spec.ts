import { decide, DomainError, SCHEMA_VERSION, Store, type ClusterEvent, type Command, type DecideContext, type DomainErrorReason } from '@kubesim/core';
import { expect } from 'vitest';

/** The context a `when` runs in unless it says otherwise: a fixed clock, real time scale. */
export const SPEC_CONTEXT: DecideContext = { now: Date.parse('2024-05-01T10:00:00Z'), by: 'spec', timeScale: 1 };

export interface DecideSpec {
  /** The projection the records built: for follow-up assertions or a `decide` of your own. */
  readonly store: Store;
  when(command: Command, ctx?: Partial<DecideContext>): DecideOutcome;
}

export interface DecideOutcome {
  /** Asserts the events, each matched as a subset (`toMatchObject`), same count; returns them. */
  then(expected: readonly unknown[]): ClusterEvent[];
  /** Asserts a DomainError with this reason (and message, when given); returns it. */
  thenThrows(reason: DomainErrorReason, message?: string | RegExp): DomainError;
}

/**
 * `given(records…).when(command).then(events)`: each argument is one log record, applied at
 * sequence 1, 2, … so resourceVersions in the store are predictable.
 */
export function given(...records: ClusterEvent[][]): DecideSpec {
  const store = new Store();
  records.forEach((events, i) => store.apply(i + 1, { v: SCHEMA_VERSION, events }));
  return {
    store,
    when(command, ctx = {}) {
      const run = () => decide(command, store, { ...SPEC_CONTEXT, ...ctx });
      return {
        then(expected) {
          const events = run();
          expect(events).toMatchObject(expected as unknown[]);
          return events;
        },
        thenThrows(reason, message) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error, `expected ${command.type} to be refused with ${reason}`).toBeInstanceOf(DomainError);
          const domainError = error as DomainError;
          expect(domainError.reason).toBe(reason);
          if (typeof message === 'string') expect(domainError.message).toBe(message);
          else if (message) expect(domainError.message).toMatch(message);
          return domainError;
        },
      };
    },
  };
}

// No imports: the dashboard's browser code reads this type too.
/** One step of a pod's story: its phase and kubectl STATUS after an event that changed either. */
export interface TimelineEntry {
  seq: number;
  /** When it happened (the event's time). */
  at: string;
  namespace: string;
  pod: string;
  uid: string;
  phase: string;
  status: string;
  node: string;
  /** Why: the event's cause, or what the event was. */
  cause: string;
  by: string;
}

import { isKnownEventType, SCHEMA_VERSION, type ClusterEvent } from '@kubesim/core';
import type { StoredRecord } from '@kubesim/eventlog';

/**
 * One line of `kubesim export`: a stream message with its sequence, stored time, subject, and the
 * record's schema version and events — the same `{v, events}` a stream message holds.
 */
export interface LogLine {
  seq: number;
  time: string;
  subject: string;
  v: number;
  events: ClusterEvent[];
}

export class LogFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function formatLine(r: StoredRecord): string {
  const line: LogLine = { seq: r.seq, time: new Date(r.time).toISOString(), subject: r.subject, v: r.record.v, events: r.record.events };
  return JSON.stringify(line) + '\n';
}

/** Parses one line; throws LogFileError naming the line when it is not a record this kubesim reads. */
export function parseLine(text: string, lineNo: number): StoredRecord {
  let l: LogLine;
  try {
    l = JSON.parse(text) as LogLine;
  } catch (e) {
    throw new LogFileError(lineNo, `not valid JSON (${e instanceof Error ? e.message : String(e)}): truncated or corrupt file`);
  }
  if (typeof l !== 'object' || l === null) throw new LogFileError(lineNo, 'not a log record');
  if (l.v !== SCHEMA_VERSION) throw new LogFileError(lineNo, `schema version ${String(l.v)}; this kubesim reads version ${SCHEMA_VERSION}`);
  if (!Number.isInteger(l.seq) || l.seq < 1) throw new LogFileError(lineNo, 'no valid "seq"');
  if (typeof l.subject !== 'string' || !Array.isArray(l.events)) throw new LogFileError(lineNo, 'no "subject" or "events"');
  const time = Date.parse(l.time);
  if (!Number.isFinite(time)) throw new LogFileError(lineNo, 'no valid "time"');
  for (const e of l.events) {
    if (!e || typeof e.type !== 'string') throw new LogFileError(lineNo, 'an event without a type');
    if (!isKnownEventType(e.type)) throw new LogFileError(lineNo, `an event of type ${JSON.stringify(e.type)} this kubesim does not know (written by a newer kubesim?)`);
  }
  return { seq: l.seq, time, subject: l.subject, record: { v: l.v, events: l.events } };
}

/** Every record of a file, in order; sequences must increase. The first bad line throws. */
export function parseLogFile(text: string): StoredRecord[] {
  const out: StoredRecord[] = [];
  const lines = text.split('\n');
  // A file ends with a newline: an empty last element is expected, anything else there was cut.
  if (lines[lines.length - 1] === '') lines.pop();
  else if (lines.length > 0) throw new LogFileError(lines.length, 'no newline at the end: truncated file');
  lines.forEach((text, i) => {
    const r = parseLine(text, i + 1);
    const prev = out[out.length - 1];
    if (prev && r.seq <= prev.seq) throw new LogFileError(i + 1, `seq ${r.seq} after ${prev.seq}: records out of order`);
    out.push(r);
  });
  return out;
}

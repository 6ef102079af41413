import type { TimelineEntry } from '../../../../libs/replay/src/timeline-entry';
import type { ClusterView, EventView, LiveMessage } from '../../src/view/view.types';

export interface ActionResult {
  out: string[];
  errors: string[];
  command?: string;
}

export type { TimelineEntry } from '../../../../libs/replay/src/timeline-entry';

export interface HistoryInfo {
  ready: boolean;
  records: number;
  firstSeq: number;
  lastSeq: number;
  firstTime: number;
  lastTime: number;
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = await res.json();
  if (!res.ok) throw new Error(body?.message ?? res.statusText);
  return body as T;
}

const post = <T>(path: string, body?: unknown) => json<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
const enc = encodeURIComponent;

export const api = {
  config: () => json<{ server: string; mode: 'up' | 'compose' }>('api/config'),
  history: () => json<HistoryInfo>('api/history'),
  at: (p: { seq: number } | { time: number }) => json<ClusterView>(`api/history/at?${'seq' in p ? `seq=${p.seq}` : `time=${Math.floor(p.time)}`}`),
  story: (ns: string, name: string) => json<{ ready: boolean; timeline: TimelineEntry[]; events: EventView[] }>(`api/pods/${enc(ns)}/${enc(name)}/story`),
  nodeTransitions: (name: string) => json<{ ready: boolean; seqs: number[] }>(`api/nodes/${enc(name)}/transitions`),
  logs: (ns: string, name: string, container: string, previous: boolean) =>
    json<{ text: string; error?: string }>(`api/pods/${enc(ns)}/${enc(name)}/log?container=${enc(container)}${previous ? '&previous=true' : ''}`),
  create: (yaml: string) => post<ActionResult>('api/create', { yaml }),
  delete: (kind: string, namespace: string, name: string) => post<ActionResult>('api/delete', { kind, namespace, name }),
  scale: (kind: string, namespace: string, name: string, replicas: number) => post<ActionResult>('api/scale', { kind, namespace, name, replicas }),
  node: (name: string, action: 'cordon' | 'uncordon' | 'drain') => post<ActionResult>(`api/nodes/${enc(name)}/${action}`),
  nodeProcess: (name: string, op: 'kill' | 'stop' | 'start' | 'partition' | 'heal') => post<ActionResult>(`api/nodes/${enc(name)}/process`, { op }),
};

/** The live stream; EventSource reconnects by itself and the server starts each connection with a snapshot. */
export function liveStream(onMessage: (m: LiveMessage) => void, onState: (connected: boolean) => void): () => void {
  const es = new EventSource('api/live');
  es.onmessage = (e) => onMessage(JSON.parse(e.data) as LiveMessage);
  es.onopen = () => onState(true);
  es.onerror = () => onState(false);
  return () => es.close();
}

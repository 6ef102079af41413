import type { Change, ClusterView as Projection } from '@kubesim/core';
import { clusterView, objectView, viewKey } from '../view/cluster-view';
import type { LiveMessage } from '../view/view.types';

/** When a change happened: its first event's time (as `kubesim replay`), else now. */
const changeTime = (c: Change, now: number) => {
  const t = Date.parse(c.events[0]?.at ?? '');
  return Number.isFinite(t) ? t : now;
};

export const snapshotMessage = (view: Projection, seq: number, now: number): LiveMessage => ({ type: 'snapshot', view: clusterView(view, seq, now) });

/** What one applied record changes on the page: the object's new view, or its removal. */
export function changeMessage(c: Change, view: Projection, now: number): LiveMessage {
  const time = changeTime(c, now);
  if (c.type === 'DELETED') return { type: 'change', seq: c.seq, time, upsert: {}, remove: [viewKey(c.object)] };
  return { type: 'change', seq: c.seq, time, upsert: objectView(c.object, view, time) ?? {}, remove: [] };
}

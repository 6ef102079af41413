import type { ObjectReference } from '@kubesim/api';

interface Correlatable {
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component: string; host?: string };
}

/**
 * client-go's event aggregation key: events with the same key are one Event whose `count` grows
 * (`kubectl describe` shows `(x3 over 20s)`).
 */
export function eventCorrelationKey(e: Correlatable): string {
  const io = e.involvedObject;
  return [io.kind, io.namespace ?? '', io.name, io.uid ?? '', io.fieldPath ?? '', e.reason, e.message, e.source.component, e.source.host ?? ''].join('\u0000');
}

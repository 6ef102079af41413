import type { Pod, Service } from '@kubesim/api';
import { HEADLESS_LABEL, isHeadless, lastChangeTime, managesService, selectedPods, TRIGGER_TIME_ANNOTATION } from '../shared/endpoint-pods';
import { isApiserverService } from '../shared/apiserver-endpoint';
import type { Endpoints } from '../shared/endpoint-objects';
import { apiserverSubsets, endpointSubsets } from './endpoint-subsets';
import { OVER_CAPACITY_ANNOTATION, truncateSubsets } from './truncate';

export type { Endpoints };

/** What one sync of a Service's Endpoints does. */
export type EndpointsAction =
  | { type: 'create'; endpoints: Endpoints }
  | { type: 'update'; endpoints: Endpoints }
  | { type: 'delete'; endpoints: Endpoints };

export interface EndpointsInput {
  /** The Service of that namespace/name, if it exists. */
  service: Service | undefined;
  /** The Endpoints of the same namespace/name, if any. */
  current: Endpoints | undefined;
  pods: Iterable<Pod>;
}

/**
 * The endpoints controller's sync of one Service: its Endpoints (same name) list the selected pods'
 * addresses; a deleted Service's Endpoints are deleted; selector-less and ExternalName Services are
 * left alone, except `default/kubernetes`, whose Endpoints are the apiserver's address. Past 1000
 * addresses they are truncated and annotated `endpoints.kubernetes.io/over-capacity: truncated`.
 */
export function reconcileEndpoints({ service, current, pods }: EndpointsInput): EndpointsAction[] {
  if (!service) return current ? [{ type: 'delete', endpoints: current }] : [];
  const apiserver = isApiserverService(service);
  if (!apiserver && !managesService(service)) return [];
  const selected = apiserver ? [] : selectedPods(service, pods);
  const all = apiserver ? apiserverSubsets() : endpointSubsets(service, selected);
  const truncated = truncateSubsets(all);
  const subsets = truncated ?? all;
  const labels = apiserver ? { 'endpointslice.kubernetes.io/skip-mirror': 'true' } : endpointsLabels(service);
  const overCapacity = current?.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] === 'truncated';
  if (current && sameJson(current.subsets ?? [], subsets) && sameJson(current.metadata.labels ?? {}, labels) && overCapacity === Boolean(truncated)) return [];
  const trigger = lastChangeTime(service, selected);
  const annotations = { ...(current?.metadata.annotations ?? {}) };
  if (trigger && !apiserver) annotations[TRIGGER_TIME_ANNOTATION] = trigger;
  else delete annotations[TRIGGER_TIME_ANNOTATION];
  if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
  else delete annotations[OVER_CAPACITY_ANNOTATION];
  const { name, namespace } = service.metadata;
  const metadata = { ...(current?.metadata ?? { name, namespace }), labels } as Endpoints['metadata'];
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  const endpoints = { ...(current ?? {}), apiVersion: 'v1', kind: 'Endpoints', metadata } as Endpoints;
  if (subsets.length) endpoints.subsets = subsets;
  else delete endpoints.subsets;
  return [{ type: current ? 'update' : 'create', endpoints }];
}

/** The Service's labels, with `service.kubernetes.io/headless` for a headless one (and never otherwise). */
export function endpointsLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
  if (isHeadless(service)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

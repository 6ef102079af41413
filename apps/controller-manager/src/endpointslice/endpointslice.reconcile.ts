import type { Node, Pod, Service } from '@kubesim/api';
import { HEADLESS_LABEL, isHeadless, lastChangeTime, managesService, selectedPods, TRIGGER_TIME_ANNOTATION } from '../shared/endpoint-pods';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL, type EndpointSlice, type SliceAction } from '../shared/endpoint-objects';
import { desiredEndpoints, portMapKey, type SliceEndpoint, type SlicePort } from './desired-endpoints';

export { MANAGED_BY_LABEL, SERVICE_NAME_LABEL };
export type { EndpointSlice, SliceAction };

export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** `--max-endpoints-per-slice`'s default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicesInput {
  service: Service;
  /** The slices labelled with the Service's name and this controller as their manager. */
  slices: readonly EndpointSlice[];
  pods: Iterable<Pod>;
  nodes: ReadonlyMap<string, Node>;
  maxEndpointsPerSlice?: number;
}

/**
 * The endpointslice reconciler for one Service (reconciler.go): per port mapping, endpoints already
 * in a slice stay there (updated when their conditions changed, removed when their pod is gone),
 * new ones fill the slices being updated, then the fullest unchanged slice that holds them all,
 * else new slices of at most 100; slices left empty are deleted, or reused for the new ones. A
 * Service with no endpoints keeps one placeholder slice (no ports, no endpoints). Slices not owned
 * by this Service (an older one of the same name) are deleted.
 */
export function reconcileEndpointSlices({ service, slices, pods, nodes, maxEndpointsPerSlice = MAX_ENDPOINTS_PER_SLICE }: SlicesInput): SliceAction[] {
  if (!managesService(service)) return [];
  const selected = selectedPods(service, pods);
  const labels = sliceLabels(service);
  const owned = slices.filter((s) => ownedBy(s, service) && !s.metadata.deletionTimestamp);
  const toDelete: EndpointSlice[] = slices.filter((s) => !ownedBy(s, service));
  const toUpdate: EndpointSlice[] = [];
  const toCreate: EndpointSlice[] = [];
  const existingByKey = new Map<string, EndpointSlice[]>();
  for (const s of owned) existingByKey.set(portMapKey(s.ports), [...(existingByKey.get(portMapKey(s.ports)) ?? []), s]);

  for (const mapping of desiredEndpoints(service, selected, nodes)) {
    const existing = existingByKey.get(mapping.key) ?? [];
    existingByKey.delete(mapping.key);
    const desired = new Map(mapping.endpoints.map((e) => [endpointKey(e), e]));
    const updating: EndpointSlice[] = [];
    const unchanged: EndpointSlice[] = [];
    // 1. Keep what is still desired where it is.
    for (const slice of existing) {
      const kept: SliceEndpoint[] = [];
      let changed = !sameJson(slice.metadata.labels ?? {}, labels);
      for (const e of slice.endpoints ?? []) {
        const want = desired.get(endpointKey(e));
        if (!want) {
          changed = true;
          continue;
        }
        if (!sameJson(want, e)) changed = true;
        kept.push(want);
        desired.delete(endpointKey(e));
      }
      if (kept.length === 0) toDelete.push(slice);
      else if (changed) updating.push({ ...slice, metadata: { ...slice.metadata, labels }, endpoints: kept });
      else unchanged.push(slice);
    }
    const remaining = [...desired.values()];
    // 2. New endpoints go into the slices being updated anyway.
    for (const slice of updating) while (remaining.length && slice.endpoints!.length < maxEndpointsPerSlice) slice.endpoints!.push(remaining.shift()!);
    // 3. Then the fullest unchanged slice that holds the rest, else new slices.
    while (remaining.length) {
      const fill = remaining.length < maxEndpointsPerSlice ? fullestFitting(unchanged, remaining.length, maxEndpointsPerSlice) : undefined;
      const slice = fill ? { ...fill, endpoints: [...(fill.endpoints ?? [])] } : newSlice(service, labels, mapping.ports);
      while (remaining.length && slice.endpoints!.length < maxEndpointsPerSlice) slice.endpoints!.push(remaining.shift()!);
      if (fill) {
        unchanged.splice(unchanged.indexOf(fill), 1);
        updating.push(slice);
      } else toCreate.push(slice);
    }
    toUpdate.push(...updating);
  }
  for (const stale of existingByKey.values()) toDelete.push(...stale);

  // A Service with no endpoint slices left gets a placeholder (kept if it is one already).
  if (owned.every((s) => toDelete.includes(s)) && toCreate.length === 0) {
    const placeholder = newSlice(service, labels, null);
    const keep = toDelete.findIndex((s) => ownedBy(s, service) && isPlaceholderLike(s, placeholder));
    if (keep >= 0 && toDelete.filter((s) => ownedBy(s, service)).length === 1) toDelete.splice(keep, 1);
    else toCreate.push(placeholder);
  }
  // Creates become updates of slices that would otherwise be deleted (finalize).
  for (let i = 0; i < toDelete.length && toCreate.length; ) {
    const reuse = toDelete[i];
    if (ownedBy(reuse, service) && reuse.addressType === 'IPv4') {
      const slice = toCreate.pop()!;
      const { generateName: _, ...rest } = slice.metadata;
      toUpdate.push({ ...slice, metadata: { ...reuse.metadata, ...rest, name: reuse.metadata.name, labels } });
      toDelete.splice(i, 1);
    } else i++;
  }
  const trigger = lastChangeTime(service, selected);
  const stamp = (s: EndpointSlice): EndpointSlice => (trigger ? { ...s, metadata: { ...s.metadata, annotations: { ...(s.metadata.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: trigger } } } : s);
  return [...toCreate.map((s) => ({ type: 'create' as const, slice: stamp(s) })), ...toUpdate.map((s) => ({ type: 'update' as const, slice: stamp(s) })), ...toDelete.map((slice) => ({ type: 'delete' as const, slice }))];
}

/** The Service's labels (minus the reserved ones), its name, this controller as manager, and the headless mark. */
export function sliceLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_LABEL) labels[k] = v;
  labels[SERVICE_NAME_LABEL] = service.metadata.name;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  if (isHeadless(service)) labels[HEADLESS_LABEL] = '';
  return labels;
}

function newSlice(service: Service, labels: Record<string, string>, ports: SlicePort[] | null): EndpointSlice {
  const { name, namespace, uid } = service.metadata;
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { generateName: `${name}-`, namespace, labels, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid, controller: true, blockOwnerDeletion: true }] } as EndpointSlice['metadata'],
    addressType: 'IPv4',
    endpoints: ports ? [] : null,
    ports: ports && ports.length ? ports : null,
  };
}

const ownedBy = (s: EndpointSlice, service: Service) => (s.metadata.ownerReferences ?? []).some((r) => r.uid === service.metadata.uid && r.controller);
const isPlaceholderLike = (s: EndpointSlice, p: EndpointSlice) => !(s.endpoints ?? []).length && !(s.ports ?? []).length && s.addressType === p.addressType && sameJson(s.metadata.labels ?? {}, p.metadata.labels);
const endpointKey = (e: SliceEndpoint) => `${e.targetRef?.uid ?? ''}/${e.addresses.join(',')}`;

function fullestFitting(slices: EndpointSlice[], needed: number, max: number): EndpointSlice | undefined {
  let best: EndpointSlice | undefined;
  for (const s of slices) {
    const n = (s.endpoints ?? []).length;
    if (n + needed <= max && (!best || n > (best.endpoints ?? []).length)) best = s;
  }
  return best;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

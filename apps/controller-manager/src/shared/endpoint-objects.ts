import type { PlainObject } from '@kubesim/api';

/** The shapes of v1 Endpoints and discovery.k8s.io/v1 EndpointSlices the endpoint controllers write. */

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: 'Pod'; namespace: string; name: string; uid: string };
}
export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export type Endpoints = PlainObject<'Endpoints'> & { subsets?: EndpointSubset[] };

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}
export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export type EndpointSlice = PlainObject<'EndpointSlice'> & { addressType: string; endpoints: SliceEndpoint[] | null; ports: SlicePort[] | null };

/** What a sync does to one EndpointSlice. */
export type SliceAction = { type: 'create'; slice: EndpointSlice } | { type: 'update'; slice: EndpointSlice } | { type: 'delete'; slice: EndpointSlice };

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';

/** Slices with the same ports (in any order) hold endpoints of the same port mapping. */
export const portMapKey = (ports: readonly SlicePort[] | null | undefined): string =>
  JSON.stringify([...(ports ?? [])].map((p) => [p.name ?? '', p.port, p.protocol ?? 'TCP', p.appProtocol ?? '']).sort());


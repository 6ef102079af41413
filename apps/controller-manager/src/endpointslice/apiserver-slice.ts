import type { Service } from '@kubesim/api';
import { APISERVER_ADDRESS, APISERVER_PORT } from '../shared/apiserver-endpoint';
import { SERVICE_NAME_LABEL, type EndpointSlice, type SliceAction } from './endpointslice.reconcile';

/**
 * The EndpointSlice `kubernetes` (endpointsadapter.go: named as the Service, only the service-name
 * label, `ready` as the one condition): created, or put back when it differs.
 */
export function reconcileApiserverSlice(service: Service, current: EndpointSlice | undefined): SliceAction[] {
  const { name, namespace } = service.metadata;
  const want = {
    addressType: 'IPv4',
    endpoints: [{ addresses: [APISERVER_ADDRESS], conditions: { ready: true } }],
    ports: [{ ...APISERVER_PORT }],
  } as unknown as Pick<EndpointSlice, 'addressType' | 'endpoints' | 'ports'>;
  const labels = { [SERVICE_NAME_LABEL]: name };
  if (current && JSON.stringify([current.addressType, current.endpoints, current.ports, current.metadata.labels]) === JSON.stringify([want.addressType, want.endpoints, want.ports, labels])) return [];
  const metadata = { ...(current?.metadata ?? { name, namespace }), labels } as EndpointSlice['metadata'];
  return [{ type: current ? 'update' : 'create', slice: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata, ...want } }];
}

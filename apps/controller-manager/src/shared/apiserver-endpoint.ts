import type { Service } from '@kubesim/api';

/**
 * The `kubernetes` Service of `default` has no selector: kube-apiserver's endpoint reconciler keeps
 * its Endpoints and its EndpointSlice `kubernetes` at the apiservers' advertised address. kubesim's
 * one apiserver is advertised as a kind cluster's control-plane node is, 172.18.0.2:6443 (the nodes
 * are .3 on); the endpoints and endpointslice controllers write both objects for it.
 */
export const APISERVER_ADDRESS = '172.18.0.2';
export const APISERVER_PORT = { name: 'https', port: 6443, protocol: 'TCP' } as const;

export const isApiserverService = (s: Service): boolean => s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes' && !s.spec.selector;

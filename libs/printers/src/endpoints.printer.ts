import type { KubeObject } from '@kubesim/api';
import { AGE_DESCRIPTION, column, NAME_DESCRIPTION, NONE, type Columns } from './columns';
import { humanDurationSince } from './human-duration';

type Obj = KubeObject & Record<string, any>;
const MAX = 3;

/** `kubectl get endpoints`: NAME ENDPOINTS AGE. */
export const endpointsColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Endpoints', 'Endpoints is the list of endpoints in the subsets.'),
  column('Age', AGE_DESCRIPTION),
];

/**
 * printers.go formatEndpoints: the ready `addresses` only, per subset port then address
 * (`ip:port`, or the bare IP of a port-less subset), at most three then ` + N more...`;
 * `<none>` without subsets, an empty cell when no address is ready.
 */
export function formatEndpoints(subsets: any[] | undefined): string {
  if (!subsets?.length) return NONE;
  const list: string[] = [];
  let count = 0;
  for (const s of subsets) {
    const addresses: any[] = s.addresses ?? [];
    const ports: any[] = s.ports?.length ? s.ports : [undefined];
    for (const p of ports) {
      count += addresses.length;
      for (const a of addresses) if (list.length < MAX) list.push(p === undefined ? a.ip : hostPort(a.ip, p.port));
    }
  }
  return count > MAX ? `${list.join(',')} + ${count - MAX} more...` : list.join(',');
}
const hostPort = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

export const endpointsRow = (o: Obj, now: number): string[] => [o.metadata.name, formatEndpoints(o.subsets), humanDurationSince(o.metadata.creationTimestamp, now)];

/** `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE (v1beta1's swagger docs, as upstream). */
export const endpointSliceColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column(
    'AddressType',
    'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.',
  ),
  column(
    'Ports',
    'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.',
  ),
  column('Endpoints', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
  column('Age', AGE_DESCRIPTION),
];

/** listWithMoreString: at most three, then ` + N more...`; `<unset>` when empty. */
function listWithMore(all: string[]): string {
  if (all.length > MAX) return `${all.slice(0, MAX).join(',')} + ${all.length - MAX} more...`;
  return all.length ? all.join(',') : '<unset>';
}

/** formatDiscoveryPorts: the port number, else its name, else `*`. */
export const formatDiscoveryPorts = (ports: any[] | undefined): string => listWithMore((ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'))));

/** formatDiscoveryEndpoints: every address, whatever its conditions. */
export const formatDiscoveryEndpoints = (endpoints: any[] | undefined): string => listWithMore((endpoints ?? []).flatMap((e) => e.addresses ?? []));

export const endpointSliceRow = (o: Obj, now: number): string[] => [o.metadata.name, String(o.addressType ?? ''), formatDiscoveryPorts(o.ports), formatDiscoveryEndpoints(o.endpoints), humanDurationSince(o.metadata.creationTimestamp, now)];

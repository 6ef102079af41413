import type { KubeObject } from '@kubesim/api';
import { endpointSliceRow, endpointsRow, formatEndpoints } from './endpoints.printer';

const T = Date.parse('2026-01-01T00:05:00Z');
const meta = { name: 'nginx', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' };
const obj = (fields: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: meta, ...fields }) as unknown as KubeObject;
const addr = (ip: string) => ({ ip });

describe('kubectl get endpoints', () => {
  it('given ready addresses on one port, then NAME ENDPOINTS AGE with ip:port joined by commas', () =>
    expect(endpointsRow(obj({ subsets: [{ addresses: [addr('10.244.1.5'), addr('10.244.2.7')], ports: [{ port: 80, protocol: 'TCP' }] }] }), T)).toEqual(['nginx', '10.244.1.5:80,10.244.2.7:80', '5m']));
  it('given four addresses, then three and " + 1 more..."', () =>
    expect(formatEndpoints([{ addresses: ['10.244.1.5', '10.244.2.3', '10.244.3.4', '10.244.3.9'].map(addr), ports: [{ port: 80 }] }])).toBe('10.244.1.5:80,10.244.2.3:80,10.244.3.4:80 + 1 more...'));
  it('given two ports, then every address of the first port before the second (printers.go order)', () =>
    expect(formatEndpoints([{ addresses: [addr('10.0.0.1'), addr('10.0.0.2')], ports: [{ port: 80 }, { port: 443 }] }])).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...'));
  it('given no subsets, then <none>; given only not-ready addresses, then an empty cell', () => {
    expect(formatEndpoints([])).toBe('<none>');
    expect(formatEndpoints([{ notReadyAddresses: [addr('10.0.0.1')], ports: [{ port: 80 }] }])).toBe('');
  });
  it('given a headless Service without ports, then the bare IPs', () => expect(formatEndpoints([{ addresses: [addr('10.0.0.1')] }])).toBe('10.0.0.1'));
});

describe('kubectl get endpointslices', () => {
  const slice = (fields: Record<string, unknown>) => obj({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4', ...fields });
  it('given endpoints of any condition, then NAME ADDRESSTYPE PORTS ENDPOINTS AGE with every address', () =>
    expect(
      endpointSliceRow(slice({ ports: [{ name: '', port: 80, protocol: 'TCP' }], endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }, { addresses: ['10.244.2.7'], conditions: { ready: false } }] }), T),
    ).toEqual(['nginx', 'IPv4', '80', '10.244.1.5,10.244.2.7', '5m']));
  it('given a placeholder slice, then <unset> for PORTS and ENDPOINTS', () => expect(endpointSliceRow(slice({ endpoints: [] }), T).slice(2, 4)).toEqual(['<unset>', '<unset>']));
  it('given five endpoints, then three and " + 2 more..."', () =>
    expect(endpointSliceRow(slice({ ports: [{ port: 80 }, { port: 443 }], endpoints: ['1', '2', '3', '4', '5'].map((n) => ({ addresses: [`10.0.0.${n}`] })) }), T).slice(2, 4)).toEqual(['80,443', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...']));
});

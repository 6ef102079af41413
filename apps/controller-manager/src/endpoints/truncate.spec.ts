import type { EndpointAddress } from '../shared/endpoint-objects';
import { truncateSubsets } from './truncate';

const addresses = (n: number, prefix: string): EndpointAddress[] => Array.from({ length: n }, (_, i) => ({ ip: `${prefix}.${Math.floor(i / 250)}.${i % 250}` }));
const port = [{ port: 80, protocol: 'TCP' }];
const count = (subsets: ReturnType<typeof truncateSubsets>) => subsets!.map((s) => [s.addresses?.length ?? 0, s.notReadyAddresses?.length ?? 0]);

describe('Endpoints over capacity (truncateEndpoints)', () => {
  it('given 1000 addresses, then nothing is cut', () => expect(truncateSubsets([{ addresses: addresses(600, '10.1'), notReadyAddresses: addresses(400, '10.2'), ports: port }])).toBeUndefined());

  it('given 900 ready and 300 not ready, then the ready stay and 100 not-ready are kept, shared by the subsets', () =>
    expect(count(truncateSubsets([{ addresses: addresses(900, '10.1'), notReadyAddresses: addresses(200, '10.2'), ports: port }, { notReadyAddresses: addresses(100, '10.3'), ports: [{ port: 443, protocol: 'TCP' }] }]))).toEqual([
      [900, 67],
      [0, 33],
    ]));

  it('given 1200 ready, then 1000 ready in proportion and no not-ready at all', () =>
    expect(count(truncateSubsets([{ addresses: addresses(600, '10.1'), notReadyAddresses: addresses(5, '10.2'), ports: port }, { addresses: addresses(600, '10.3'), ports: [{ port: 443, protocol: 'TCP' }] }]))).toEqual([
      [500, 0],
      [500, 0],
    ]));
});

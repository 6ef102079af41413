import { IpAllocator } from './ip-allocator';

describe('IpAllocator: pod IPs from the node /24', () => {
  it('hands out .2 upward (.0 is the network, .1 the bridge)', () => {
    const ips = new IpAllocator('10.244.1.0/24');
    expect([ips.allocate(), ips.allocate(), ips.allocate()]).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
  });

  it('reuses the lowest released address', () => {
    const ips = new IpAllocator('10.244.1.0/24');
    ips.allocate();
    ips.allocate();
    ips.release('10.244.1.2');
    expect(ips.allocate()).toBe('10.244.1.2');
    expect(ips.allocate()).toBe('10.244.1.4');
  });

  it('skips a reserved address (a pod that kept its IP across a kubelet restart)', () => {
    const ips = new IpAllocator('10.244.1.0/24');
    ips.reserve('10.244.1.2');
    expect(ips.allocate()).toBe('10.244.1.3');
  });

  it("gives out .2 to .254 and then answers host-local's error (.255 is broadcast)", () => {
    const ips = new IpAllocator('10.244.1.0/24');
    const all = Array.from({ length: 253 }, () => ips.allocate());
    expect(all.at(-1)).toBe('10.244.1.254');
    expect(new Set(all).size).toBe(253);
    expect(ips.allocate()).toEqual({ error: 'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254' });
  });

  it.each([
    ['10.244.1.7', true],
    ['10.244.10.7', false],
    ['10.244.2.7', false],
  ])('contains(%s) → %s', (ip, inside) => {
    expect(new IpAllocator('10.244.1.0/24').contains(ip)).toBe(inside);
  });

  it.each(['10.244.0.0/16', '10.244.1.0', '10.244.1.128/25'])('refuses a pod CIDR that is not a /24: %s', (cidr) => {
    expect(() => new IpAllocator(cidr).allocate()).toThrow(`unsupported pod CIDR ${cidr}: kubesim allocates from /24s`);
  });
});

/** Pod IPs from the node's /24 pod CIDR: .0 is the network, .1 the bridge, .255 broadcast. */
export class IpAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly cidr: string) {}

  private prefix(): string {
    const m = /^(\d+\.\d+\.\d+)\.0\/24$/.exec(this.cidr);
    if (!m) throw new Error(`unsupported pod CIDR ${this.cidr}: kubesim allocates from /24s`);
    return m[1];
  }

  /** A free address, or host-local's error when every one is taken. */
  allocate(): string | { error: string } {
    const prefix = this.prefix();
    for (let i = 2; i < 255; i++) {
      const ip = `${prefix}.${i}`;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
    return { error: `failed to allocate for range 0: no IP addresses available in range set: ${prefix}.1-${prefix}.254` };
  }

  /** Marks an address as taken (a pod that already had it before a restart). */
  reserve(ip: string): void {
    this.used.add(ip);
  }

  release(ip: string): void {
    this.used.delete(ip);
  }

  contains(ip: string): boolean {
    return ip.startsWith(this.prefix() + '.');
  }
}

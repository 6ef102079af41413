/**
 * The cluster CIDR node pod CIDRs are cut from (kube-controller-manager's `--cluster-cidr` with
 * `--node-cidr-mask-size` 24, its IPv4 default): every node gets a /24, so a /16 holds 256 nodes.
 */

/** kubeadm's and kind's default pod subnet: enough for 256 nodes. */
export const CLUSTER_CIDR = '10.244.0.0/16';

/** Each node's pod CIDR is a /24 (`--node-cidr-mask-size`); the kubelet's IP allocator cuts pod IPs from it. */
export const NODE_CIDR_MASK_SIZE = 24;

/** The service CIDR (kube-apiserver's `--service-cluster-ip-range`), which a cluster CIDR must not overlap. */
const SERVICE_RANGE = { base: ipToInt('10.96.0.0'), prefix: 12 };

/**
 * The default cluster CIDRs, narrowest first: the smallest that holds the nodes is chosen, so a
 * cluster of up to 256 nodes keeps 10.244.0.0/16 and its pods keep the addresses they always had.
 * Every one contains 10.244.0.0/16 or sits beside it, and none overlaps the service CIDR.
 */
export const DEFAULT_CLUSTER_CIDRS = ['10.244.0.0/16', '10.244.0.0/14', '10.224.0.0/11', '10.128.0.0/9'] as const;

export interface Cidr {
  /** The network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** An IPv4 cluster CIDR, or why it is not one kubesim can cut /24s from. */
export function parseClusterCidr(s: string): Cidr | { error: string } {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s.trim());
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255)) return { error: `invalid CIDR address: ${s}` };
  const prefix = Number(m[5]);
  if (prefix > NODE_CIDR_MASK_SIZE) return { error: `${s} is smaller than one node's /${NODE_CIDR_MASK_SIZE} pod CIDR` };
  if (prefix < 8) return { error: `${s} is wider than kubesim allocates from (a /8 at most)` };
  const base = ipToInt(m.slice(1, 5).join('.'));
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((base & mask) >>> 0 !== base) return { error: `${s} is not a network address (its network is ${intToIp((base & mask) >>> 0)}/${prefix})` };
  if (overlaps({ base, prefix }, SERVICE_RANGE)) return { error: `${s} overlaps the service CIDR ${intToIp(SERVICE_RANGE.base)}/${SERVICE_RANGE.prefix}` };
  return { base, prefix };
}

function overlaps(a: Cidr, b: Cidr): boolean {
  const p = Math.min(a.prefix, b.prefix);
  const mask = (0xffffffff << (32 - p)) >>> 0;
  return (a.base & mask) >>> 0 === (b.base & mask) >>> 0;
}

/** How many nodes' /24s a cluster CIDR holds. */
export const nodeCapacity = (c: Cidr) => 2 ** (NODE_CIDR_MASK_SIZE - c.prefix);

/** The i-th /24 of the cluster CIDR. */
export const nthNodeCidr = (c: Cidr, i: number) => `${intToIp(c.base + i * 256)}/${NODE_CIDR_MASK_SIZE}`;

/** The default cluster CIDR for `nodes` nodes: the narrowest of `DEFAULT_CLUSTER_CIDRS` that holds them, or undefined when none does. */
export function defaultClusterCidr(nodes: number): string | undefined {
  return DEFAULT_CLUSTER_CIDRS.find((c) => nodeCapacity(parseClusterCidr(c) as Cidr) >= nodes);
}

/**
 * The cluster CIDR of a cluster of `nodes` nodes: `chosen` (the user's `--cluster-cidr`) or the
 * default for that many, or why it cannot be — a message for the command line.
 */
export function clusterCidrFor(nodes: number, chosen?: string): { cidr: string } | { error: string } {
  if (chosen === undefined) {
    const cidr = defaultClusterCidr(nodes);
    if (cidr) return { cidr };
    const widest = DEFAULT_CLUSTER_CIDRS[DEFAULT_CLUSTER_CIDRS.length - 1];
    return { error: `${nodes} nodes do not fit the widest default cluster CIDR ${widest} (${nodeCapacity(parseClusterCidr(widest) as Cidr)} nodes of a /${NODE_CIDR_MASK_SIZE} each): choose one with --cluster-cidr` };
  }
  const c = parseClusterCidr(chosen);
  if ('error' in c) return c;
  if (nodeCapacity(c) < nodes)
    return { error: `${chosen} holds ${nodeCapacity(c)} nodes' /${NODE_CIDR_MASK_SIZE} pod CIDRs, not ${nodes}: widen it (a /${NODE_CIDR_MASK_SIZE - Math.ceil(Math.log2(nodes))} holds ${2 ** Math.ceil(Math.log2(nodes))}) or ask for fewer nodes` };
  return { cidr: chosen };
}

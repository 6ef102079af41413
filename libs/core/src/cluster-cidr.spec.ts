import { describe, expect, it } from 'vitest';
import type { Node } from '@kubesim/api';
import { clusterCidrFor, defaultClusterCidr, nodeCapacity, parseClusterCidr, type Cidr } from './cluster-cidr';
import { nextPodCidr } from './node.decide';

const nodeWith = (podCIDR: string) => ({ spec: { podCIDR } }) as Node;

describe('cluster CIDR (kube-controller-manager --cluster-cidr, /24 per node)', () => {
  it('a /16 holds 256 nodes, a /14 1,024, a /9 32,768', () => {
    expect(nodeCapacity(parseClusterCidr('10.244.0.0/16') as Cidr)).toBe(256);
    expect(nodeCapacity(parseClusterCidr('10.244.0.0/14') as Cidr)).toBe(1024);
    expect(nodeCapacity(parseClusterCidr('10.128.0.0/9') as Cidr)).toBe(32768);
  });

  it('the default stays 10.244.0.0/16 up to 256 nodes and widens with the node count', () => {
    expect(defaultClusterCidr(3)).toBe('10.244.0.0/16');
    expect(defaultClusterCidr(256)).toBe('10.244.0.0/16');
    expect(defaultClusterCidr(257)).toBe('10.244.0.0/14');
    expect(defaultClusterCidr(1000)).toBe('10.244.0.0/14');
    expect(defaultClusterCidr(5000)).toBe('10.224.0.0/11');
    expect(defaultClusterCidr(20000)).toBe('10.128.0.0/9');
    expect(defaultClusterCidr(40000)).toBeUndefined();
  });

  it('refuses a chosen CIDR too small for the nodes, naming what would hold them', () => {
    expect(clusterCidrFor(1000, '10.244.0.0/16')).toEqual({ error: "10.244.0.0/16 holds 256 nodes' /24 pod CIDRs, not 1000: widen it (a /14 holds 1024) or ask for fewer nodes" });
    expect(clusterCidrFor(1000, '10.244.0.0/14')).toEqual({ cidr: '10.244.0.0/14' });
    expect(clusterCidrFor(40000)).toEqual({ error: '40000 nodes do not fit the widest default cluster CIDR 10.128.0.0/9 (32768 nodes of a /24 each): choose one with --cluster-cidr' });
  });

  it('refuses what is not an IPv4 network kubesim can cut /24s from', () => {
    expect(parseClusterCidr('10.244.0.0')).toEqual({ error: 'invalid CIDR address: 10.244.0.0' });
    expect(parseClusterCidr('10.300.0.0/16')).toEqual({ error: 'invalid CIDR address: 10.300.0.0/16' });
    expect(parseClusterCidr('10.244.1.0/25')).toEqual({ error: "10.244.1.0/25 is smaller than one node's /24 pod CIDR" });
    expect(parseClusterCidr('10.244.0.0/13')).toEqual({ error: '10.244.0.0/13 is not a network address (its network is 10.240.0.0/13)' });
    expect(parseClusterCidr('10.0.0.0/8')).toEqual({ error: '10.0.0.0/8 overlaps the service CIDR 10.96.0.0/12' });
  });

  it('nodes get consecutive /24s across octet boundaries of a wide CIDR', () => {
    const nodes = Array.from({ length: 256 }, (_, i) => nodeWith(`10.244.${i}.0/24`));
    expect(() => nextPodCidr(nodes)).toThrow('no free /24 left in 10.244.0.0/16');
    expect(nextPodCidr(nodes, '10.244.0.0/14')).toBe('10.245.0.0/24');
    expect(nextPodCidr([nodeWith('10.224.0.0/24')], '10.224.0.0/11')).toBe('10.224.1.0/24');
  });
});

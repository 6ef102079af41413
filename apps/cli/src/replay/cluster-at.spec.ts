import { SCHEMA_VERSION, Store, type ClusterEvent } from '@kubesim/core';
import { aNode, aPod, FIXTURE_TIME, nodeRegistered, podBound, podCreated } from '@kubesim/testing';
import { clusterTables } from './cluster-at';

describe('replay --at: the cluster then, as kubectl tables', () => {
  const store = new Store();
  const records: ClusterEvent[][] = [nodeRegistered(aNode('node-1')), podCreated(aPod('web')), podBound('web', 'node-1')];
  records.forEach((events, i) => store.apply(i + 1, { v: SCHEMA_VERSION, events }));

  it('prints nodes and pods (all namespaces, wide) with ages relative to that moment', () => {
    const out = clusterTables(store, Date.parse(FIXTURE_TIME) + 90_000);
    const [nodes, pods] = out.split('\n\n');
    expect(nodes.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP/);
    expect(nodes).toMatch(/node-1\s+Ready\s+<none>\s+90s\s+v1\.32\.0/);
    expect(pods.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);
    expect(pods).toMatch(/default\s+web\s+0\/1\s+Pending\s+0\s+90s\s+<none>\s+node-1/);
  });

  it('says so when there is nothing yet', () => {
    expect(clusterTables(new Store(), 0)).toBe('No nodes.\n\nNo pods.\n');
  });
});

import { createHash } from 'node:crypto';
import type { Node } from '@kubesim/api';
import { AGE_DESCRIPTION, column, humanDurationSince, NAME_DESCRIPTION, type Columns } from '@kubesim/printers';
import type { Lease } from '@kubesim/eventlog';
import { K8S_SCHEMAS } from '../openapi/schemas';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** coordination.k8s.io/v1 Lease, as the kubelet keeps it in kube-node-lease (owned by its Node). */
export interface LeaseObject {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
    ownerReferences: { apiVersion: 'v1'; kind: 'Node'; name: string; uid: string }[];
  };
  spec: { holderIdentity: string; leaseDurationSeconds: number; renewTime: string };
}

/** A stable uid per node incarnation: the lease lives as long as its Node. */
function leaseUid(nodeUid: string): string {
  const h = createHash('sha256').update(`lease/${nodeUid}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The API object of a node's lease from what its kubelet renews in the KV bucket. */
export function leaseObject(node: Node, lease: Lease, revision: number): LeaseObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node.metadata.name,
      namespace: NODE_LEASE_NAMESPACE,
      uid: leaseUid(node.metadata.uid),
      resourceVersion: String(revision),
      creationTimestamp: node.metadata.creationTimestamp,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid }],
    },
    spec: { holderIdentity: lease.holderIdentity, leaseDurationSeconds: lease.leaseDurationSeconds, renewTime: lease.renewTime },
  };
}

const holderDescription = () =>
  String((K8S_SCHEMAS['io.k8s.api.coordination.v1.LeaseSpec'] as { properties: Record<string, { description?: string }> }).properties.holderIdentity.description ?? '');

/** kube-apiserver's Table columns for leases: NAME HOLDER AGE. */
export const leaseColumns: Columns = [column('Name', NAME_DESCRIPTION, { format: 'name' }), column('Holder', holderDescription()), column('Age', AGE_DESCRIPTION)];

export function leaseRow(l: LeaseObject, now: number): string[] {
  return [l.metadata.name, l.spec.holderIdentity ?? '', humanDurationSince(l.metadata.creationTimestamp, now)];
}

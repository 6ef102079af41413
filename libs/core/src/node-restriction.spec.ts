import { aNode, aPod } from '@kubesim/testing';
import { DomainError } from './errors';
import { authorizeCommand } from './node-restriction';
import { keyString } from './object-key';
import type { Principal } from './principals';
import { MapView } from './view';

const node1: Principal = { kind: 'node', node: 'node-1' };
const view = new MapView();
view.set(keyString({ kind: 'Pod', namespace: 'default', name: 'mine' }), aPod('mine', { nodeName: 'node-1' }));
view.set(keyString({ kind: 'Pod', namespace: 'default', name: 'theirs' }), aPod('theirs', { nodeName: 'node-2' }));

/** The 403 message a command is refused with, or 'allowed'. */
function outcome(p: Principal, name: Parameters<typeof authorizeCommand>[1], payload: object): string {
  try {
    authorizeCommand(p, name, payload, view);
    return 'allowed';
  } catch (e) {
    if (!(e instanceof DomainError) || e.reason !== 'Forbidden') throw e;
    return e.message;
  }
}

describe('NodeRestriction: a kubelet writes only its own Node, its pods’ status, events about them', () => {
  it.each([
    ['registers itself', 'registerNode', { node: aNode('node-1') }, 'allowed'],
    ['registers another node', 'registerNode', { node: aNode('node-2') }, 'nodes "node-2" is forbidden: node "node-1" is not allowed to modify node "node-2"'],
    ['sets its own condition', 'setNodeCondition', { name: 'node-1' }, 'allowed'],
    ['sets another node’s condition', 'setNodeCondition', { name: 'node-2' }, 'nodes "node-2" is forbidden: node "node-1" is not allowed to modify node "node-2"'],
    ['reports status of its pod', 'reportPodStatus', { namespace: 'default', name: 'mine', node: 'node-1' }, 'allowed'],
    ['reports status of another node’s pod', 'reportPodStatus', { namespace: 'default', name: 'theirs', node: 'node-2' }, 'pods "theirs" is forbidden: node "node-1" can only update pod status for pods with spec.nodeName set to itself'],
    ['reports status of another node’s pod as if it were its own', 'reportPodStatus', { namespace: 'default', name: 'theirs', node: 'node-1' }, 'pods "theirs" is forbidden: node "node-1" can only update pod status for pods with spec.nodeName set to itself'],
    ['deletes its pod', 'deletePod', { namespace: 'default', name: 'mine' }, 'allowed'],
    ['deletes another node’s pod', 'deletePod', { namespace: 'default', name: 'theirs' }, 'pods "theirs" is forbidden: node "node-1" can only delete pods with spec.nodeName set to itself'],
    ['records an event about its pod', 'recordEvent', { involvedObject: { kind: 'Pod', namespace: 'default', name: 'mine' } }, 'allowed'],
    ['records an event about itself', 'recordEvent', { involvedObject: { kind: 'Node', name: 'node-1' } }, 'allowed'],
    ['records an event about another node’s pod', 'recordEvent', { involvedObject: { kind: 'Pod', namespace: 'default', name: 'theirs' } }, 'events is forbidden: node "node-1" can only create events about itself or pods bound to it, not Pod "theirs"'],
    ['records an event about another node', 'recordEvent', { involvedObject: { kind: 'Node', name: 'node-2' } }, 'events is forbidden: node "node-1" can only create events about itself or pods bound to it, not Node "node-2"'],
    ['taints a node', 'taintNode', { name: 'node-2', taints: [] }, 'User "system:node:node-1" cannot taintNode: it is not one of the commands of a kubelet'],
    ['binds a pod', 'bindPod', { namespace: 'default', name: 'theirs', node: 'node-1' }, 'User "system:node:node-1" cannot bindPod: it is not one of the commands of a kubelet'],
    ['creates an object', 'createObject', { object: {} }, 'User "system:node:node-1" cannot createObject: it is not one of the commands of a kubelet'],
  ] as const)('%s: %s', (_what, name, payload, expected) => {
    expect(outcome(node1, name, payload)).toBe(expected);
  });

  it('a status report for a pod that is gone goes on (the apiserver answers NotFound, as to anyone)', () => {
    expect(outcome(node1, 'reportPodStatus', { namespace: 'default', name: 'gone', node: 'node-1' })).toBe('allowed');
  });
});

describe('each component sends only its own commands', () => {
  it.each([
    [{ kind: 'scheduler' } as Principal, 'bindPod', 'allowed'],
    [{ kind: 'scheduler' } as Principal, 'deleteObject', 'User "system:kube-scheduler" cannot deleteObject: it is not one of the commands of a scheduler'],
    [{ kind: 'controller-manager' } as Principal, 'taintNode', 'allowed'],
    [{ kind: 'controller-manager' } as Principal, 'bindPod', 'User "system:kube-controller-manager" cannot bindPod: it is not one of the commands of a controller-manager'],
    [{ kind: 'user' } as Principal, 'setNodeUnschedulable', 'allowed'],
    [{ kind: 'user' } as Principal, 'deletePod', 'User "user:kubesim" cannot deletePod: it is not one of the commands of a user'],
  ] as const)('%o %s: %s', (p, name, expected) => {
    expect(outcome(p, name, { name: 'node-1' })).toBe(expected);
  });
});

import { commandSubject, identityOf, parsePrincipal, principalOfSubject, type Principal } from './principals';

describe('principals: who a command is from, as its subject says', () => {
  it.each<[Principal, string, string]>([
    [{ kind: 'node', node: 'node-2' }, 'kubesim.api.pods.status.node.node-2', 'system:node:node-2'],
    [{ kind: 'node', node: 'a.b' }, 'kubesim.api.pods.status.node.a%2Eb', 'system:node:a.b'],
    [{ kind: 'scheduler' }, 'kubesim.api.pods.status.scheduler', 'system:kube-scheduler'],
    [{ kind: 'user' }, 'kubesim.api.pods.status.user', 'user:kubesim'],
  ])('%o publishes on %s and is recorded as %s, whatever it declares', (p, subject, by) => {
    expect(commandSubject('reportPodStatus', p)).toBe(subject);
    expect(principalOfSubject('reportPodStatus', subject)).toEqual(p);
    expect(identityOf(p, 'kubelet/node-9')).toBe(by);
  });

  it('a controller of the controller-manager is its service account when it names itself, the controller-manager otherwise', () => {
    expect(identityOf({ kind: 'controller-manager' }, 'replicaset-controller')).toBe('system:serviceaccount:kube-system:replicaset-controller');
    expect(identityOf({ kind: 'controller-manager' }, 'system:node:node-1')).toBe('system:kube-controller-manager');
  });

  it.each(['', 'node', 'node._', 'node.a.b', 'apiserver', 'scheduler.x'])('%j names no principal', (tail) => {
    expect(parsePrincipal(tail)).toBeUndefined();
  });

  it('another command’s subject names no principal of this one', () => {
    expect(principalOfSubject('reportPodStatus', 'kubesim.api.pods.bind.scheduler')).toBeUndefined();
  });
});

import { authorizationConfig, brokerUserName, permissionsOf, type BrokerRole } from './broker-permissions';

const kubelet: BrokerRole = { kind: 'kubelet', nodes: ['node-1'] };
const pool: BrokerRole = { kind: 'kubelet', pool: 'pool-1', nodes: ['node-11', 'node-12'] };
const everyone: BrokerRole[] = [{ kind: 'scheduler' }, { kind: 'controller-manager' }, { kind: 'dashboard' }, { kind: 'cli' }, kubelet, pool];

/** Whether NATS subject `subject` matches permission pattern `p` (`*` a token, `>` the rest). */
function matches(p: string, subject: string): boolean {
  const a = p.split('.');
  const b = subject.split('.');
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '>') return b.length > i;
    if (i >= b.length || (a[i] !== '*' && a[i] !== b[i])) return false;
  }
  return a.length === b.length;
}
const mayPublish = (r: BrokerRole, subject: string) => permissionsOf(r).publish.allow.some((p) => matches(p, subject));
const maySubscribe = (r: BrokerRole, subject: string) => permissionsOf(r).subscribe.allow.some((p) => matches(p, subject));

describe('broker permissions: who may publish and subscribe to what', () => {
  it('user names: one per component, a kubelet by its node, a pool by its name', () => {
    expect(everyone.map((r) => brokerUserName(r))).toEqual(['scheduler', 'controller-manager', 'dashboard', 'cli', 'kubelet-node-1', 'kubelet-pool-pool-1']);
  });

  it.each([
    'ks.node._.node-2',
    'ks.pod.default.web',
    '$JS.API.STREAM.PURGE.KUBESIM',
    '$JS.API.STREAM.DELETE.KUBESIM',
    '$JS.API.STREAM.UPDATE.KUBESIM',
    '$JS.API.STREAM.CREATE.KUBESIM',
    '$JS.API.STREAM.MSG.DELETE.KUBESIM',
    '$JS.API.STREAM.PURGE.KV_kubesim_leases',
    '$JS.API.STREAM.DELETE.OBJ_kubesim_snapshots',
    '$O.kubesim_snapshots.M.x',
    '$JS.API.CONSUMER.DURABLE.CREATE.KUBESIM.x',
  ])('only the apiserver (and the operator’s admin key) may publish %s', (subject) => {
    expect(mayPublish({ kind: 'apiserver' }, subject)).toBe(true);
    expect(mayPublish({ kind: 'admin' }, subject)).toBe(true);
    for (const r of everyone) expect([brokerUserName(r), mayPublish(r, subject)]).toEqual([brokerUserName(r), false]);
  });

  it('a kubelet publishes its own node’s request subjects and lease, nobody else’s', () => {
    for (const s of ['kubesim.api.pods.status.node.node-1', 'kubesim.api.nodes.register.node.node-1', 'kubesim.api.nodes.condition.node.node-1', 'kubesim.api.pods.delete.node.node-1', 'kubesim.api.events.record.node.node-1', '$KV.kubesim_leases.node-1'])
      expect([s, mayPublish(kubelet, s)]).toEqual([s, true]);
    for (const s of ['kubesim.api.pods.status.node.node-2', 'kubesim.api.nodes.taint.node.node-1', 'kubesim.api.nodes.taint.controller-manager', 'kubesim.api.pods.bind.scheduler', 'kubesim.api.pods.status.scheduler', '$KV.kubesim_leases.node-2', 'kubesim.pool.pool-1.control'])
      expect([s, mayPublish(kubelet, s)]).toEqual([s, false]);
  });

  it('a pool publishes for each of its nodes only', () => {
    expect(mayPublish(pool, 'kubesim.api.pods.status.node.node-11')).toBe(true);
    expect(mayPublish(pool, 'kubesim.api.pods.status.node.node-12')).toBe(true);
    expect(mayPublish(pool, '$KV.kubesim_leases.node-12')).toBe(true);
    expect(mayPublish(pool, 'kubesim.api.pods.status.node.node-1')).toBe(false);
    expect(maySubscribe(pool, 'kubesim.pool.pool-1.control')).toBe(true);
    expect(maySubscribe(pool, 'kubesim.pool.pool-2.control')).toBe(false);
  });

  it('a kubelet answers exec, logs and ps for its own node only (and only as replies)', () => {
    expect(maySubscribe(kubelet, 'kubesim.kubelet.node-1.exec')).toBe(true);
    expect(maySubscribe(kubelet, 'kubesim.kubelet.node-2.exec')).toBe(false);
    expect(permissionsOf(kubelet).allow_responses).toBe(true);
    expect(permissionsOf({ kind: 'scheduler' }).allow_responses).toBeUndefined();
  });

  it("a kubelet streams an interactive exec's output to its own node's sessions only", () => {
    expect(maySubscribe(kubelet, 'kubesim.kubelet.node-1.exec-stream')).toBe(true);
    expect(maySubscribe(kubelet, 'kubesim.kubelet.node-2.exec-stream')).toBe(false);
    expect(mayPublish(kubelet, '_INBOX.exec.node-1.5f0c')).toBe(true);
    expect(mayPublish(kubelet, '_INBOX.exec.node-2.5f0c')).toBe(false);
  });

  it('each reads the log through consumers and gets its replies on its own inbox', () => {
    for (const r of everyone) {
      expect(mayPublish(r, '$JS.API.CONSUMER.CREATE.KUBESIM.abc.ks.>')).toBe(true);
      expect(mayPublish(r, '$JS.API.CONSUMER.MSG.NEXT.KUBESIM.abc')).toBe(true);
      expect(mayPublish(r, '$JS.API.STREAM.INFO.KUBESIM')).toBe(true);
      expect(mayPublish(r, '$JS.API.STREAM.NAMES')).toBe(true);
      expect(mayPublish(r, '$JS.API.STREAM.INFO.OBJ_kubesim_snapshots')).toBe(true);
      expect(maySubscribe(r, `_INBOX_${brokerUserName(r)}.x.y`)).toBe(true);
      expect(maySubscribe(r, '_INBOX.x.y')).toBe(false);
      expect(maySubscribe(r, '_INBOX_apiserver.x')).toBe(false);
      // Nobody but the apiserver listens to the requests it answers.
      expect(maySubscribe(r, 'kubesim.api.pods.status.node.node-1')).toBe(false);
    }
  });

  it('the scheduler binds, the controller-manager taints, the CLI cordons and records node actions: as themselves', () => {
    expect(mayPublish({ kind: 'scheduler' }, 'kubesim.api.pods.bind.scheduler')).toBe(true);
    expect(mayPublish({ kind: 'scheduler' }, 'kubesim.api.nodes.taint.scheduler')).toBe(false);
    expect(mayPublish({ kind: 'controller-manager' }, 'kubesim.api.nodes.taint.controller-manager')).toBe(true);
    expect(mayPublish({ kind: 'controller-manager' }, 'kubesim.api.pods.bind.controller-manager')).toBe(false);
    expect(mayPublish({ kind: 'cli' }, 'kubesim.api.nodes.unschedulable.user')).toBe(true);
    expect(mayPublish({ kind: 'cli' }, 'kubesim.api.nodes.process.user')).toBe(true);
    expect(mayPublish({ kind: 'cli' }, 'kubesim.pool.pool-1.control')).toBe(true);
    expect(mayPublish({ kind: 'dashboard' }, 'kubesim.api.nodes.unschedulable.user')).toBe(false);
  });

  it('the config lists exactly these users, no anonymous one', () => {
    const text = authorizationConfig([{ user: 'kubelet-node-1', password: 'p"w', role: kubelet }, { user: 'apiserver', password: 'x', role: { kind: 'apiserver' } }]);
    expect(text).toMatch(/^authorization \{\n  users = \[\n/);
    expect(text).not.toContain('no_auth_user');
    expect(text).toContain('"user":"kubelet-node-1","password":"p\\"w"');
    expect(text.match(/"user":/g)).toHaveLength(2);
  });
});

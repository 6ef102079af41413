import { DEFAULT_STREAM } from './event-log';
import { LEASE_BUCKET } from './leases';
import { inboxPrefixOf } from './nats-credentials';
import { SNAPSHOT_BUCKET } from './snapshot-store';
import { commandSubject, COMMANDS_OF, encodeToken, INTERNAL_COMMANDS, type Principal } from '@kubesim/core';
import { execStreamInbox, kubeletSubject, poolControlSubject } from '@kubesim/api';

/** The bucket of PersistentVolume files (apps/kubelet/src/persistent-volumes.ts). */
const VOLUME_BUCKET = 'kubesim_volumes';

/**
 * Who connects to the broker, each as its own NATS user (docs/decisions.md, "Broker permissions").
 * `kubelet`: one process, one or more nodes (a pool).
 */
export type BrokerRole =
  | { kind: 'apiserver' }
  /** The operator's key: everything (`kubesim import`, scripts, tests). Never given to a component. */
  | { kind: 'admin' }
  | { kind: 'scheduler' }
  | { kind: 'controller-manager' }
  | { kind: 'dashboard' }
  /** `kubesim up` and the CLI's node, replay and export commands. */
  | { kind: 'cli' }
  | { kind: 'kubelet'; nodes: readonly string[]; pool?: string }
  /**
   * Kubelet pools whose nodes are not known in advance (compose's scaled `pool` service names them
   * after its container): any node's subjects. NodeRestriction at the apiserver still holds each
   * write to the node its subject names; the broker cannot (docs/decisions.md).
   */
  | { kind: 'kubelet-pools' };

export interface BrokerUser {
  user: string;
  password: string;
  role: BrokerRole;
}

export interface Permissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
  /** Lets a user answer requests made to it (its reply subjects only, once each). */
  allow_responses?: boolean;
}

/** A user's name: `kubelet-node-1`, `kubelet-pool-pool-1`, or the role's. Only safe subject characters (its inbox prefix holds it). */
export function brokerUserName(role: BrokerRole): string {
  if (role.kind !== 'kubelet') return role.kind;
  return role.pool !== undefined ? `kubelet-pool-${encodeToken(role.pool)}` : `kubelet-${encodeToken(role.nodes[0] ?? '')}`;
}

/** What reading a stream through consumers takes: its info, creating consumers and pulling from them, direct gets. */
function readStream(stream: string): string[] {
  return [
    `$JS.API.STREAM.INFO.${stream}`,
    `$JS.API.CONSUMER.CREATE.${stream}`,
    `$JS.API.CONSUMER.CREATE.${stream}.>`,
    `$JS.API.CONSUMER.INFO.${stream}.*`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.*`,
    `$JS.API.CONSUMER.DELETE.${stream}.*`,
    `$JS.API.STREAM.MSG.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}.>`,
  ];
}

/** Every component follows the log from the apiserver's last snapshot (an object store) plus the stream's tail. */
const READ_LOG = [
  '$JS.API.INFO',
  // Reading an object (the snapshot) looks its stream up by subject: names only.
  '$JS.API.STREAM.NAMES',
  ...readStream(DEFAULT_STREAM),
  ...readStream(`OBJ_${SNAPSHOT_BUCKET}`),
  // Ordered push consumers (the object store's reads) answer the server's flow control.
  '$JS.FC.>',
];

/** What a kubelet reads besides the log: leases, and PersistentVolume files (shared by every node: a volume follows its pod). */
const KUBELET_READS = [
  ...READ_LOG,
  ...readStream(`KV_${LEASE_BUCKET}`),
  `$JS.API.STREAM.CREATE.KV_${VOLUME_BUCKET}`,
  ...readStream(`KV_${VOLUME_BUCKET}`),
  `$KV.${VOLUME_BUCKET}.>`,
];

const commandsOf = (p: Principal) => COMMANDS_OF[p.kind].map((name) => commandSubject(name, p));

/**
 * A user's subject permissions: only the apiserver (and the operator's admin key) may publish to the
 * log's subjects (`ks.>`) and to the JetStream API that writes, purges or deletes the stream and the
 * buckets; every other user reads through consumers and publishes its own request subjects only.
 */
export function permissionsOf(role: BrokerRole, user = brokerUserName(role)): Permissions {
  const inbox = `${inboxPrefixOf(user)}.>`;
  switch (role.kind) {
    case 'apiserver':
    case 'admin':
      return { publish: { allow: ['>'] }, subscribe: { allow: ['>'] } };
    case 'scheduler':
      return { publish: { allow: [...commandsOf({ kind: 'scheduler' }), ...READ_LOG] }, subscribe: { allow: [inbox] } };
    case 'controller-manager':
      return { publish: { allow: [...commandsOf({ kind: 'controller-manager' }), ...READ_LOG, ...readStream(`KV_${LEASE_BUCKET}`)] }, subscribe: { allow: [inbox] } };
    case 'dashboard':
      return { publish: { allow: [...READ_LOG] }, subscribe: { allow: [inbox] } };
    case 'cli':
      return {
        publish: { allow: [...commandsOf({ kind: 'user' }), poolControlSubject('*'), kubeletSubject('*', 'ps'), ...READ_LOG] },
        subscribe: { allow: [inbox] },
      };
    case 'kubelet':
      return {
        publish: { allow: [...role.nodes.flatMap((node) => [...commandsOf({ kind: 'node', node }), `$KV.${LEASE_BUCKET}.${node}`, execStreamInbox(node)]), ...KUBELET_READS] },
        subscribe: {
          allow: [...role.nodes.flatMap((node) => (['logs', 'exec', 'ps', 'exec-stream'] as const).map((w) => kubeletSubject(node, w))), ...(role.pool !== undefined ? [poolControlSubject(role.pool)] : []), inbox],
        },
        allow_responses: true,
      };
    case 'kubelet-pools':
      return {
        publish: { allow: [...COMMANDS_OF.node.map((name) => `${INTERNAL_COMMANDS[name].subject}.node.*`), `$KV.${LEASE_BUCKET}.>`, '_INBOX.exec.>', ...KUBELET_READS] },
        subscribe: { allow: ['kubesim.kubelet.>', poolControlSubject('*'), inbox] },
        allow_responses: true,
      };
    default: {
      const _exhaustive: never = role;
      return _exhaustive;
    }
  }
}

/**
 * The nats-server config's `authorization` block: these users and no one else (no `no_auth_user`:
 * an anonymous connection is refused with `Authorization Violation`).
 */
export function authorizationConfig(users: readonly BrokerUser[]): string {
  const entries = users.map((u) => `    ${JSON.stringify({ user: u.user, password: u.password, permissions: permissionsOf(u.role, u.user) })}`);
  return `authorization {\n  users = [\n${entries.join(',\n')}\n  ]\n}\n`;
}

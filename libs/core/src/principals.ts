import { decodeToken, encodeToken } from './object-key';
import { INTERNAL_COMMANDS, type InternalCommandName } from './internal-commands';

/**
 * Who sends an internal command, as the subject it is published on says (docs/decisions.md,
 * "Broker permissions"): the broker lets each NATS user publish only its own principal's subjects,
 * so the apiserver takes the identity from the subject, never from the payload.
 */
export type Principal =
  | { kind: 'node'; node: string }
  | { kind: 'scheduler' }
  | { kind: 'controller-manager' }
  /** `kubesim up` and the CLI's node commands (kill/start/cordon …). */
  | { kind: 'user' };

export type PrincipalKind = Principal['kind'];

/** The subject tokens after a command's subject: `node.<node>`, `scheduler`, `controller-manager`, `user`. */
export function principalTokens(p: Principal): string {
  switch (p.kind) {
    case 'node':
      return `node.${encodeToken(p.node)}`;
    case 'scheduler':
    case 'controller-manager':
    case 'user':
      return p.kind;
    default: {
      const _exhaustive: never = p;
      return _exhaustive;
    }
  }
}

/** The tokens of a subject after its command's subject, as a principal; undefined when they name none. */
export function parsePrincipal(tail: string): Principal | undefined {
  const t = tail.split('.');
  if (t.length === 2 && t[0] === 'node' && t[1] !== '' && t[1] !== '_') return { kind: 'node', node: decodeToken(t[1]) };
  if (t.length === 1 && (t[0] === 'scheduler' || t[0] === 'controller-manager' || t[0] === 'user')) return { kind: t[0] };
  return undefined;
}

/** The subject a principal publishes command `name` on. */
export const commandSubject = (name: InternalCommandName, p: Principal): string => `${INTERNAL_COMMANDS[name].subject}.${principalTokens(p)}`;

/** What the apiserver subscribes to for command `name`: every principal's subject. */
export const commandSubscription = (name: InternalCommandName): string => `${INTERNAL_COMMANDS[name].subject}.>`;

/** The principal of a subject the apiserver received command `name` on. */
export function principalOfSubject(name: InternalCommandName, subject: string): Principal | undefined {
  const base = INTERNAL_COMMANDS[name].subject + '.';
  return subject.startsWith(base) ? parsePrincipal(subject.slice(base.length)) : undefined;
}

/** The controller-manager's own controllers name themselves (`replicaset-controller`): a DNS label. */
const CONTROLLER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Who the log records (`by`): the authenticated identity, upstream's user names. The
 * controller-manager runs many controllers under one broker user; as kube-controller-manager with
 * `--use-service-account-credentials`, each is `system:serviceaccount:kube-system:<controller>`
 * when it names itself, `system:kube-controller-manager` otherwise. Every other self-declared `by` is ignored.
 */
export function identityOf(p: Principal, declared?: string): string {
  switch (p.kind) {
    case 'node':
      return `system:node:${p.node}`;
    case 'scheduler':
      return 'system:kube-scheduler';
    case 'controller-manager':
      return declared && CONTROLLER_NAME.test(declared) ? `system:serviceaccount:kube-system:${declared}` : 'system:kube-controller-manager';
    case 'user':
      return 'user:kubesim';
    default: {
      const _exhaustive: never = p;
      return _exhaustive;
    }
  }
}

/**
 * The commands each principal may send: the broker lets it publish nothing else (permission
 * config), and the apiserver refuses anything else arriving on its subjects anyway.
 */
export const COMMANDS_OF: { readonly [K in PrincipalKind]: readonly InternalCommandName[] } = {
  node: ['registerNode', 'setNodeCondition', 'reportPodStatus', 'deletePod', 'recordEvent'],
  scheduler: ['bindPod', 'markPodUnschedulable', 'recordEvent', 'updateObject'],
  'controller-manager': [
    'deletePod',
    'setNodeCondition',
    'recordEvent',
    'markPodNodeLost',
    'setPodCondition',
    'taintNode',
    'untaintNode',
    'updateNodeSpec',
    'setNodeUnschedulable',
    'createObject',
    'updateObject',
    'updateObjectStatus',
    'deleteObject',
    'updatePodMetadata',
    'namespaceStatus',
  ],
  user: ['recordNodeProcessAction', 'setNodeUnschedulable'],
};

/**
 * The principal a client writing as `by` publishes as, in process (tests, `ApiClient`): `kubelet/<node>`
 * is that node, `default-scheduler` the scheduler, `user:…` the CLI, anything else a controller.
 */
export function principalOfCaller(by: string): Principal {
  if (by.startsWith('kubelet/')) return { kind: 'node', node: by.slice('kubelet/'.length) };
  if (by === 'default-scheduler') return { kind: 'scheduler' };
  if (by.startsWith('user:')) return { kind: 'user' };
  return { kind: 'controller-manager' };
}

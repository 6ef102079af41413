import { DomainError, forbidden, NODE, POD } from './errors';
import type { InternalCommandName } from './internal-commands';
import { COMMANDS_OF, identityOf, type Principal } from './principals';
import { getPod, type ClusterView } from './view';

/** The payload fields NodeRestriction looks at (each command's DTO has those it needs). */
interface Target {
  name?: string;
  namespace?: string;
  node?: unknown;
  involvedObject?: { kind?: string; namespace?: string; name?: string };
}

/**
 * Upstream's RBAC refusal of a verb the principal's role does not have: 403
 * `User "<identity>" cannot <command> …`. The broker refuses these subjects first; this is the
 * apiserver's own check, for a broker configured by someone else.
 */
const notPermitted = (p: Principal, name: InternalCommandName) =>
  new DomainError('Forbidden', `User "${identityOf(p)}" cannot ${name}: it is not one of the commands of a ${p.kind === 'node' ? 'kubelet' : p.kind}`);

/**
 * Whether principal `p` may send command `name` with `payload`, on `view`: each principal only
 * its own commands (COMMANDS_OF), and a node — NodeRestriction, upstream's admission plugin — only
 * about itself: its own Node, the status of pods bound to it (and their deletion), events about
 * itself or its pods. Throws upstream's 403 when refused.
 */
export function authorizeCommand(p: Principal, name: InternalCommandName, payload: Target | object, view: ClusterView): void {
  if (!COMMANDS_OF[p.kind].includes(name)) throw notPermitted(p, name);
  if (p.kind === 'node') nodeRestriction(p.node, name, payload as Target, view);
}

function nodeRestriction(self: string, name: InternalCommandName, t: Target, view: ClusterView): void {
  const ownNode = (node: string | undefined) => {
    if (node !== self) throw forbidden(NODE(node ?? ''), `node "${self}" is not allowed to modify node "${node ?? ''}"`);
  };
  const ownPod = (verb: 'update pod status for' | 'delete') => {
    const pod = getPod(view, t.namespace ?? '', t.name ?? '');
    if (!pod) return; // NotFound, as for anyone
    if (pod.spec.nodeName !== self) throw forbidden(POD(t.name ?? ''), `node "${self}" can only ${verb} pods with spec.nodeName set to itself`);
  };
  switch (name) {
    case 'registerNode':
      return ownNode((t.node as { metadata?: { name?: string } } | undefined)?.metadata?.name);
    case 'setNodeCondition':
      return ownNode(t.name);
    case 'reportPodStatus':
      if (t.node !== self) throw forbidden(POD(t.name ?? ''), `node "${self}" can only update pod status for pods with spec.nodeName set to itself`);
      return ownPod('update pod status for');
    case 'deletePod':
      return ownPod('delete');
    case 'recordEvent': {
      const o = t.involvedObject ?? {};
      if (o.kind === 'Node' && o.name === self) return;
      const pod = o.kind === 'Pod' ? getPod(view, o.namespace ?? 'default', o.name ?? '') : undefined;
      // An event about a pod already gone (its Killing, say) is let through: there is no one to impersonate.
      if (o.kind === 'Pod' && (!pod || pod.spec.nodeName === self)) return;
      throw new DomainError('Forbidden', `events is forbidden: node "${self}" can only create events about itself or pods bound to it, not ${o.kind ?? ''} "${o.name ?? ''}"`);
    }
    default:
      throw new DomainError('Forbidden', `User "system:node:${self}" cannot ${name}`);
  }
}

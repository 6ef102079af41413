import { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '@kubesim/api';

const INTEGER = /^[+-]?\d+$/;

/** Upstream `labels.Selector` semantics for one requirement against a label set. */
export function matchesRequirement(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value);
    case 'NotIn':
      return !has || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      // Both sides must be integers; anything else does not match (upstream parses int64).
      if (!has || values.length !== 1 || !INTEGER.test(value) || !INTEGER.test(values[0])) return false;
      const [l, r] = [BigInt(value), BigInt(values[0])];
      return req.operator === 'Gt' ? l > r : l < r;
    }
    default:
      return false;
  }
}

/** matchFields only knows `metadata.name` with In/NotIn; anything else never matches. */
function matchesField(req: NodeSelectorRequirement, node: Node): boolean {
  if (req.key !== 'metadata.name') return false;
  if (req.operator !== 'In' && req.operator !== 'NotIn') return false;
  return matchesRequirement(req, { 'metadata.name': node.metadata.name });
}

/** A term ANDs its expressions and fields; an empty term matches nothing. */
export function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  return exprs.every((e) => matchesRequirement(e, labels)) && fields.every((f) => matchesField(f, node));
}

/** Terms are ORed; an empty list matches nothing. */
export function matchesNodeSelectorTerms(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((t) => matchesTerm(t, node));
}

/** Upstream `RequiredNodeAffinity.Match`: `spec.nodeSelector` AND required node affinity. */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  const selector = pod.spec.nodeSelector;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required === undefined || matchesNodeSelectorTerms(required.nodeSelectorTerms ?? [], node);
}

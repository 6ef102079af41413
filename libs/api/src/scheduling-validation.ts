import { isIP } from 'node:net';
import type { StatusCause } from './types';
import { invalid, required, unsupported } from './field-causes';

/**
 * Validation of what the scheduler reads from a pod spec (validation.go): container ports with
 * host ports, topology spread constraints, inter-pod affinity. Field paths and messages as
 * kube-apiserver writes them.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

const duplicate = (field: string, value: string): StatusCause => ({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(value)}`, field });

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const validPort = (p: unknown) => isInt(p) && p >= 1 && p <= 65535;

/** Every container's ports; a host port (with its protocol and IP) may be used once per pod. */
export function portCauses(spec: Obj, prefix: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const hostPorts = new Set<string>();
  for (const group of ['initContainers', 'containers']) {
    list(spec[group]).forEach((c, i) => {
      if (!isObj(c) || c.ports === undefined) return;
      const field = `${prefix}.${group}[${i}].ports`;
      if (!Array.isArray(c.ports)) return void causes.push(invalid(field, c.ports, 'must be a list'));
      c.ports.forEach((p, j) => {
        const at = `${field}[${j}]`;
        if (!isObj(p)) return void causes.push(invalid(at, p, 'must be an object'));
        if (p.containerPort === undefined || p.containerPort === 0) causes.push(required(`${at}.containerPort`));
        else if (!validPort(p.containerPort)) causes.push(invalid(`${at}.containerPort`, p.containerPort, PORT_RANGE));
        if (p.hostPort !== undefined && p.hostPort !== 0 && !validPort(p.hostPort)) causes.push(invalid(`${at}.hostPort`, p.hostPort, PORT_RANGE));
        if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol as never)) causes.push(unsupported(`${at}.protocol`, p.protocol, PROTOCOLS));
        if (p.hostIP !== undefined && (typeof p.hostIP !== 'string' || isIP(p.hostIP) === 0)) {
          causes.push(invalid(`${at}.hostIP`, p.hostIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
        }
        if (validPort(p.hostPort)) {
          const key = `${p.hostIP || ''}/${p.protocol ?? 'TCP'}/${p.hostPort}`;
          if (hostPorts.has(key)) causes.push(duplicate(`${at}.hostPort`, `${p.hostPort}/${p.protocol ?? 'TCP'}`));
          hostPorts.add(key);
        }
      });
    });
  }
  return causes;
}

const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** metav1.LabelSelector (ValidateLabelSelector). */
export function labelSelectorCauses(sel: unknown, field: string): StatusCause[] {
  if (sel === undefined || sel === null) return [];
  if (!isObj(sel)) return [invalid(field, sel, 'must be an object')];
  const causes: StatusCause[] = [];
  if (sel.matchLabels !== undefined && (!isObj(sel.matchLabels) || Object.values(sel.matchLabels).some((v) => typeof v !== 'string'))) {
    causes.push(invalid(`${field}.matchLabels`, sel.matchLabels, 'must be a map of strings'));
  }
  list(sel.matchExpressions).forEach((e, i) => {
    const at = `${field}.matchExpressions[${i}]`;
    if (!isObj(e)) return void causes.push(invalid(at, e, 'must be an object'));
    if (typeof e.key !== 'string' || e.key === '') causes.push(required(`${at}.key`));
    const values = list(e.values);
    if (!SELECTOR_OPS.includes(e.operator as string)) causes.push(invalid(`${at}.operator`, e.operator, 'not a valid selector operator'));
    else if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) {
      causes.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) {
      causes.push({ reason: 'FieldValueForbidden', message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", field: `${at}.values` });
    }
  });
  return causes;
}

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'] as const;
const POLICIES = ['Honor', 'Ignore'] as const;

/** `spec.topologySpreadConstraints` (validateTopologySpreadConstraints). */
export function topologySpreadCauses(spec: Obj, prefix: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  list(spec.topologySpreadConstraints).forEach((c, i) => {
    const at = `${prefix}.topologySpreadConstraints[${i}]`;
    if (!isObj(c)) return void causes.push(invalid(at, c, 'must be an object'));
    if (!isInt(c.maxSkew) || c.maxSkew <= 0) causes.push(invalid(`${at}.maxSkew`, c.maxSkew ?? 0, 'must be greater than zero'));
    if (typeof c.topologyKey !== 'string' || c.topologyKey === '') causes.push(required(`${at}.topologyKey`, 'can not be empty'));
    if (!WHEN_UNSATISFIABLE.includes(c.whenUnsatisfiable as never)) {
      causes.push(c.whenUnsatisfiable === undefined ? required(`${at}.whenUnsatisfiable`) : unsupported(`${at}.whenUnsatisfiable`, c.whenUnsatisfiable, WHEN_UNSATISFIABLE));
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (!isInt(c.minDomains) || c.minDomains <= 0) causes.push(invalid(`${at}.minDomains`, c.minDomains, 'must be greater than zero'));
      else if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        causes.push(invalid(`${at}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
      }
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c[policy] !== undefined && !POLICIES.includes(c[policy] as never)) causes.push(unsupported(`${at}.${policy}`, c[policy], POLICIES));
    }
    const pair = `{${c.topologyKey}, ${c.whenUnsatisfiable}}`;
    if (seen.has(pair)) causes.push(duplicate(`${at}.{topologyKey, whenUnsatisfiable}`, pair));
    seen.add(pair);
    causes.push(...labelSelectorCauses(c.labelSelector, `${at}.labelSelector`));
  });
  return causes;
}

function affinityTermCauses(term: unknown, at: string): StatusCause[] {
  if (!isObj(term)) return [invalid(at, term, 'must be an object')];
  const causes: StatusCause[] = [];
  if (typeof term.topologyKey !== 'string' || term.topologyKey === '') causes.push(required(`${at}.topologyKey`, 'can not be empty'));
  causes.push(...labelSelectorCauses(term.labelSelector, `${at}.labelSelector`));
  causes.push(...labelSelectorCauses(term.namespaceSelector, `${at}.namespaceSelector`));
  if (term.namespaces !== undefined && (!Array.isArray(term.namespaces) || term.namespaces.some((n) => typeof n !== 'string'))) {
    causes.push(invalid(`${at}.namespaces`, term.namespaces, 'must be a list of strings'));
  }
  return causes;
}

/** `spec.affinity.podAffinity` / `podAntiAffinity` (validatePodAffinity, validatePodAntiAffinity). */
export function podAffinityCauses(spec: Obj, prefix: string): StatusCause[] {
  const affinity = spec.affinity;
  if (!isObj(affinity)) return [];
  const causes: StatusCause[] = [];
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = affinity[kind];
    if (a === undefined) continue;
    const at = `${prefix}.affinity.${kind}`;
    if (!isObj(a)) {
      causes.push(invalid(at, a, 'must be an object'));
      continue;
    }
    list(a.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      causes.push(...affinityTermCauses(t, `${at}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`)),
    );
    list(a.preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => {
      const wat = `${at}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!isObj(w)) return void causes.push(invalid(wat, w, 'must be an object'));
      if (!isInt(w.weight) || w.weight < 1 || w.weight > 100) causes.push(invalid(`${wat}.weight`, w.weight ?? 0, 'must be in the range 1-100'));
      causes.push(...affinityTermCauses(w.podAffinityTerm, `${wat}.podAffinityTerm`));
    });
  }
  return causes;
}

/** All of the above for one pod spec. */
export function schedulingCauses(spec: Obj, prefix: string): StatusCause[] {
  return [...portCauses(spec, prefix), ...topologySpreadCauses(spec, prefix), ...podAffinityCauses(spec, prefix)];
}

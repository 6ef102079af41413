/**
 * The shape every reader of the log relies on — lists are lists, maps are maps — checked when a
 * record is folded into a store. The apiserver decodes every write against its OpenAPI schema
 * before it is written; this is the backstop for a record that got into the stream some other way
 * (an older kubesim, a forged publish): such an object is skipped by every projection instead of
 * crashing the controllers, the scheduler, the kubelets or the dashboard on every start.
 */

type Expect = 'object' | 'array' | 'string' | 'number' | 'strings' | 'map';

/** `a.b[].c`: `[]` is every item of a list. */
type Rule = readonly [path: string, expect: Expect];

const METADATA: Rule[] = [
  ['metadata', 'object'],
  ['metadata.name', 'string'],
  ['metadata.namespace', 'string'],
  ['metadata.labels', 'strings'],
  ['metadata.annotations', 'strings'],
  ['metadata.ownerReferences', 'array'],
  ['metadata.ownerReferences[]', 'object'],
  ['metadata.finalizers', 'array'],
  ['metadata.finalizers[]', 'string'],
];

const container = (p: string): Rule[] => [
  [p, 'array'],
  [`${p}[]`, 'object'],
  [`${p}[].name`, 'string'],
  [`${p}[].image`, 'string'],
  [`${p}[].command`, 'array'],
  [`${p}[].command[]`, 'string'],
  [`${p}[].args`, 'array'],
  [`${p}[].args[]`, 'string'],
  [`${p}[].env`, 'array'],
  [`${p}[].env[]`, 'object'],
  [`${p}[].ports`, 'array'],
  [`${p}[].ports[]`, 'object'],
  [`${p}[].volumeMounts`, 'array'],
  [`${p}[].volumeMounts[]`, 'object'],
  [`${p}[].resources`, 'object'],
  [`${p}[].resources.requests`, 'map'],
  [`${p}[].resources.limits`, 'map'],
];

const podSpec = (p: string): Rule[] => [
  [p, 'object'],
  ...container(`${p}.containers`),
  ...container(`${p}.initContainers`),
  ...container(`${p}.ephemeralContainers`),
  [`${p}.tolerations`, 'array'],
  [`${p}.tolerations[]`, 'object'],
  [`${p}.volumes`, 'array'],
  [`${p}.volumes[]`, 'object'],
  [`${p}.nodeSelector`, 'strings'],
  [`${p}.nodeName`, 'string'],
  [`${p}.affinity`, 'object'],
  [`${p}.topologySpreadConstraints`, 'array'],
  [`${p}.schedulingGates`, 'array'],
  [`${p}.terminationGracePeriodSeconds`, 'number'],
];

const template = (p: string): Rule[] => [
  [p, 'object'],
  [`${p}.metadata`, 'object'],
  [`${p}.metadata.labels`, 'strings'],
  [`${p}.metadata.annotations`, 'strings'],
  ...podSpec(`${p}.spec`),
];

const labelSelector = (p: string): Rule[] => [
  [p, 'object'],
  [`${p}.matchLabels`, 'strings'],
  [`${p}.matchExpressions`, 'array'],
  [`${p}.matchExpressions[]`, 'object'],
];

const STATUS: Rule[] = [
  ['spec', 'object'],
  ['status', 'object'],
  ['status.conditions', 'array'],
  ['status.conditions[]', 'object'],
];

const workload: Rule[] = [...labelSelector('spec.selector'), ...template('spec.template'), ['spec.replicas', 'number']];

const BY_KIND: Record<string, Rule[]> = {
  Pod: [...podSpec('spec'), ['status.containerStatuses', 'array'], ['status.containerStatuses[]', 'object'], ['status.initContainerStatuses', 'array'], ['status.phase', 'string']],
  Node: [
    ['spec.taints', 'array'],
    ['spec.taints[]', 'object'],
    ['status.capacity', 'map'],
    ['status.allocatable', 'map'],
    ['status.addresses', 'array'],
    ['status.addresses[]', 'object'],
  ],
  Service: [['spec.ports', 'array'], ['spec.ports[]', 'object'], ['spec.selector', 'strings'], ['spec.type', 'string']],
  Deployment: workload,
  ReplicaSet: workload,
  DaemonSet: workload,
  StatefulSet: workload,
  Job: [...labelSelector('spec.selector'), ...template('spec.template')],
  CronJob: [['spec.jobTemplate', 'object'], ['spec.jobTemplate.spec', 'object'], ...template('spec.jobTemplate.spec.template'), ['spec.schedule', 'string']],
  ReplicationController: [['spec.selector', 'strings'], ...template('spec.template'), ['spec.replicas', 'number']],
  PodDisruptionBudget: labelSelector('spec.selector'),
};

function fits(v: unknown, expect: Expect): boolean {
  switch (expect) {
    case 'object':
      return typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'map':
      return typeof v === 'object' && !Array.isArray(v);
    case 'strings':
      return typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((x) => typeof x === 'string');
    default: {
      const _exhaustive: never = expect;
      return _exhaustive;
    }
  }
}

/** A path split once: `[]` on a segment fans out over a list's items. */
type Step = { key: string; each: boolean };
const compile = (rules: Rule[]) => rules.map(([path, expect]) => ({ path, expect, steps: path.split('.').map((s): Step => (s.endsWith('[]') ? { key: s.slice(0, -2), each: true } : { key: s, each: false })) }));
const COMMON = [...METADATA, ...STATUS];
const compiled = new Map<string, ReturnType<typeof compile>>();
const rulesOf = (kind: string) => {
  let r = compiled.get(kind);
  if (!r) compiled.set(kind, (r = compile([...COMMON, ...(BY_KIND[kind] ?? [])])));
  return r;
};

/** The values at a path; absent and null values are none. */
function valuesAt(root: unknown, steps: Step[]): unknown[] {
  let current: unknown[] = [root];
  for (const { key, each } of steps) {
    const next: unknown[] = [];
    for (const c of current) {
      if (c === null || typeof c !== 'object' || Array.isArray(c)) continue;
      const v = (c as Record<string, unknown>)[key];
      if (v === undefined || v === null) continue;
      if (!each) next.push(v);
      else if (Array.isArray(v)) for (const x of v) if (x !== undefined && x !== null) next.push(x);
    }
    if (next.length === 0) return next;
    current = next;
  }
  return current;
}

const WORDS: Record<Expect, string> = { object: 'an object', array: 'a list', string: 'a string', number: 'a number', strings: 'a map of strings', map: 'a map' };

/** What is wrong with an object's shape (`spec.taints is not a list`), or undefined when readers can trust it. */
export function shapeProblem(o: unknown): string | undefined {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'the object is not an object';
  const kind = (o as { kind?: unknown }).kind;
  if (typeof kind !== 'string') return 'kind is not a string';
  for (const { path, expect, steps } of rulesOf(kind)) {
    for (const v of valuesAt(o, steps)) if (!fits(v, expect)) return `${path} is not ${WORDS[expect]}`;
  }
  return undefined;
}

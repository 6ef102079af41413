/**
 * What the merge needs to know of a field's type (structured-merge-diff's schema, reduced):
 * how a list merges (`x-kubernetes-list-type`: atomic, set, or map keyed by
 * `x-kubernetes-list-map-keys`) and whether an object is replaced whole
 * (`x-kubernetes-map-type: atomic`, Go's `+structType=atomic`).
 */
export type ListType = { type: 'atomic' } | { type: 'set' } | { type: 'map'; keys: readonly string[]; defaults?: Readonly<Record<string, unknown>> };

export interface Shape {
  readonly list: ListType;
  readonly atomicObject: boolean;
  field(name: string): Shape;
  item(): Shape;
}

const ATOMIC: ListType = { type: 'atomic' };
const byName: ListType = { type: 'map', keys: ['name'] };

/**
 * The list types of the built-in kinds, by field name (from upstream's `+listType`/`+listMapKey`
 * markers, kubernetes 1.32). Lists not named here are atomic, as upstream's are by default.
 */
const BUILTIN_LISTS: Record<string, ListType> = {
  containers: byName,
  initContainers: byName,
  ephemeralContainers: byName,
  env: byName,
  volumes: byName,
  imagePullSecrets: byName,
  schedulingGates: byName,
  resourceClaims: byName,
  volumeMounts: { type: 'map', keys: ['mountPath'] },
  volumeDevices: { type: 'map', keys: ['devicePath'] },
  conditions: { type: 'map', keys: ['type'] },
  ownerReferences: { type: 'map', keys: ['uid'] },
  hostAliases: { type: 'map', keys: ['ip'] },
  topologySpreadConstraints: { type: 'map', keys: ['topologyKey', 'whenUnsatisfiable'] },
  finalizers: { type: 'set' },
};
const CONTAINER_PORTS: ListType = { type: 'map', keys: ['containerPort', 'protocol'], defaults: { protocol: 'TCP' } };
const SERVICE_PORTS: ListType = { type: 'map', keys: ['port', 'protocol'], defaults: { protocol: 'TCP' } };

/** Objects upstream replaces whole (`+structType=atomic`, `+mapType=atomic`): LabelSelectors, key references. */
const ATOMIC_OBJECTS = new Set(['labelSelector', 'namespaceSelector', 'podSelector', 'fieldRef', 'configMapKeyRef', 'secretKeyRef', 'resourceFieldRef', 'claimRef', 'involvedObject']);
/** `spec.selector` is a LabelSelector (atomic) except in Services and ReplicationControllers (a granular map). */
const MAP_SELECTOR_KINDS = new Set(['Service', 'ReplicationController']);

class BuiltinShape implements Shape {
  constructor(
    private readonly kind: string,
    private readonly path: readonly string[],
  ) {}

  get list(): ListType {
    const name = this.path[this.path.length - 1];
    if (name === 'ports') return this.kind === 'Service' && this.path.length === 2 ? SERVICE_PORTS : this.path.length > 2 ? CONTAINER_PORTS : ATOMIC;
    return BUILTIN_LISTS[name] ?? ATOMIC;
  }

  get atomicObject(): boolean {
    const name = this.path[this.path.length - 1];
    if (name === 'selector') return !(MAP_SELECTOR_KINDS.has(this.kind) && this.path.length === 2);
    // nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution is a NodeSelector (atomic).
    if (name === 'requiredDuringSchedulingIgnoredDuringExecution' && this.path[this.path.length - 2] === 'nodeAffinity') return true;
    return ATOMIC_OBJECTS.has(name);
  }

  field(name: string): Shape {
    return new BuiltinShape(this.kind, [...this.path, name]);
  }

  item(): Shape {
    // An item is reached by its list's name: a container's fields are looked up as a container's.
    return new BuiltinShape(this.kind, [...this.path, '[]']);
  }
}

/** The shape of a built-in kind's objects (the root). */
export const builtinShape = (kind: string): Shape => new BuiltinShape(kind, []);

type Schema = Readonly<Record<string, any>>;

class SchemaShape implements Shape {
  constructor(
    private readonly kind: string,
    private readonly schema: Schema | undefined,
  ) {}

  get list(): ListType {
    const t = this.schema?.['x-kubernetes-list-type'];
    if (t === 'set') return { type: 'set' };
    if (t === 'map') return { type: 'map', keys: this.schema?.['x-kubernetes-list-map-keys'] ?? [] };
    return ATOMIC;
  }

  get atomicObject(): boolean {
    return this.schema?.['x-kubernetes-map-type'] === 'atomic';
  }

  field(name: string): Shape {
    const s = this.schema;
    return new SchemaShape(this.kind, s?.properties?.[name] ?? (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined));
  }

  item(): Shape {
    return new SchemaShape(this.kind, this.schema?.items);
  }
}

/** A custom kind's shape from its CRD version's `openAPIV3Schema`; `metadata` is ObjectMeta's as for every kind. */
export function schemaShape(kind: string, schema: Schema | undefined): Shape {
  const root = new SchemaShape(kind, schema);
  const meta = builtinShape(kind).field('metadata');
  return { list: ATOMIC, atomicObject: false, item: () => root.item(), field: (name) => (name === 'metadata' ? meta : root.field(name)) };
}

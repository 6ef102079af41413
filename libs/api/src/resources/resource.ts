/** A Kubernetes API verb, as discovery lists it and RBAC names it. */
export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

/** The subresources kubesim serves. */
export type Subresource = 'status' | 'scale' | 'binding' | 'eviction' | 'log' | 'exec';

/**
 * How a kind is stored and written. `generic`: whole objects (`ObjectCreated` … events), served
 * from the declaration alone; the others have events and handlers of their own.
 */
export type Storage = 'generic' | 'pod' | 'node' | 'namespace' | 'event' | 'lease';

/**
 * One served resource: everything routing, discovery, OpenAPI, Table output, `kubesim get` and the
 * request-path checks need to know about it. Declared once, in `<group>.resources.ts`.
 */
export interface ResourceDeclaration {
  /** `''` for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The REST name: `configmaps`. */
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly verbs: readonly Verb[];
  readonly subresources?: readonly Subresource[];
  readonly storage: Storage;
  /** kube-apiserver serves the kind as protobuf too (built-in kinds; not custom ones). */
  readonly protobuf?: boolean;
  /** The OpenAPI component of the kind; default `io.k8s.api.<group>.<version>.<Kind>`. */
  readonly schema?: string;
  /** Fields a `fieldSelector` may name besides `metadata.name` and `metadata.namespace`. */
  readonly selectableFields?: Readonly<Record<string, (o: any) => string | undefined>>;
  /** Set on the resources a CustomResourceDefinition serves (joined at run time, custom-resources.ts). */
  readonly custom?: CustomResourceVersion;
}

/** What one served version of a CustomResourceDefinition adds to its declaration. */
export interface CustomResourceVersion {
  /** The CRD's name: `crontabs.stable.example.com`. */
  readonly crd: string;
  /** The version objects are stored in (conversion `None`: only `apiVersion` differs). */
  readonly storageVersion: string;
  /** This version's `schema.openAPIV3Schema`. */
  readonly schema?: Readonly<Record<string, any>>;
  readonly printerColumns: readonly PrinterColumn[];
  /** `subresources.scale`'s JSON paths, when the version has a scale subresource. */
  readonly scale?: { readonly specReplicasPath: string; readonly statusReplicasPath: string; readonly labelSelectorPath?: string };
}

/** One of a version's `additionalPrinterColumns`. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly format?: string;
  readonly description?: string;
  readonly priority?: number;
  readonly jsonPath: string;
}

/** Every verb of a resource served by generic storage. */
export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const satisfies readonly Verb[];
export const READ_VERBS = ['get', 'list', 'watch'] as const satisfies readonly Verb[];

/** `v1`, `apps/v1`. */
export const groupVersionOf = (r: Pick<ResourceDeclaration, 'group' | 'version'>): string => (r.group ? `${r.group}/${r.version}` : r.version);

/** `configmaps`, `deployments.apps`: how kube-apiserver names a resource in its messages. */
export const qualifiedResource = (r: Pick<ResourceDeclaration, 'group' | 'plural'>): string => (r.group ? `${r.plural}.${r.group}` : r.plural);

/** `/api/v1`, `/apis/apps/v1`. */
export const apiRootOf = (r: Pick<ResourceDeclaration, 'group' | 'version'>): string => (r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`);

/** The upstream OpenAPI name of the kind: `io.k8s.api.core.v1.ConfigMap`. */
export const schemaNameOf = (r: ResourceDeclaration): string => {
  if (r.custom) return `${r.group.split('.').reverse().join('.')}.${r.version}.${r.kind}`; // apiextensions' name: com.example.stable.v1.CronTab
  return r.schema ?? `io.k8s.api.${(r.group || 'core').split('.')[0]}.${r.version}.${r.kind}`;
};

/**
 * Generates apps/apiserver/src/http/openapi/k8s-schemas.json: the OpenAPI v3 component schemas
 * (upstream names, `io.k8s.api.core.v1.Pod` …) of the kinds kubesim serves and everything they
 * reference, with Kubernetes' own field descriptions — what `kubectl explain` prints.
 *
 * Offline sources, both npm packages generated from the upstream OpenAPI spec:
 * - `kubernetes-models` 4.5.0 (dev): one TypeScript interface per schema, with the descriptions
 *   as doc comments, required fields as non-optional properties, enums as string-literal unions,
 *   and references by upstream name (`IIoK8sApiCoreV1PodSpec`);
 * - `@kubernetes/client-node` (dev): `attributeTypeMap` gives each number's format (int32, int64,
 *   double), which TypeScript's `number` does not say.
 *
 *   npm run build && node dist/scripts/gen-openapi-schemas.js          rewrite the file
 *   node dist/scripts/gen-openapi-schemas.js --check                    exit 1 when it is stale
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { RESOURCES, schemaNameOf } from '@kubesim/api';

const ROOT = resolve(__dirname, __dirname.includes('/dist/') ? '../..' : '..');
const TARGET = join(ROOT, 'apps/apiserver/src/http/openapi/k8s-schemas.json');
const MODELS = join(ROOT, 'node_modules/kubernetes-models');
const APIMACHINERY = join(ROOT, 'node_modules/@kubernetes-models/apimachinery');
const CLIENT_MODELS = join(ROOT, 'node_modules/@kubernetes/client-node/dist/gen/models');

type Gvk = { group: string; version: string; kind: string };
const APIEXTENSIONS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
/** The kinds served (from the resource table), their lists, and the meta types kubectl meets. */
const ROOTS: [string, Gvk | undefined][] = [
  ...RESOURCES.flatMap((r): [string, Gvk][] => [
    [schemaNameOf(r), { group: r.group, version: r.version, kind: r.kind }],
    [`${schemaNameOf(r)}List`, { group: r.group, version: r.version, kind: `${r.kind}List` }],
  ]),
  ['io.k8s.api.core.v1.Binding', { group: '', version: 'v1', kind: 'Binding' }],
  ['io.k8s.api.policy.v1.Eviction', { group: 'policy', version: 'v1', kind: 'Eviction' }],
  ['io.k8s.api.autoscaling.v1.Scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.Status', { group: '', version: 'v1', kind: 'Status' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', undefined],
];

/**
 * Types upstream serialises as strings or numbers, not objects (kube-openapi's
 * OpenAPISchemaType / OpenAPIV3OneOfTypes): kubectl explain prints `string` for Time and the
 * type name for the one-of types.
 */
const SPECIAL: Record<string, object> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: 'integer' }, { type: 'string' }], format: 'int-or-string' },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object' },
  // JSON values and the JSON Schema "or" types of CRD schemas: any JSON, as upstream publishes them.
  [`${APIEXTENSIONS}.JSON`]: {},
  [`${APIEXTENSIONS}.JSONSchemaPropsOrBool`]: {},
  [`${APIEXTENSIONS}.JSONSchemaPropsOrArray`]: {},
  [`${APIEXTENSIONS}.JSONSchemaPropsOrStringArray`]: {},
};
/** Upstream's TypeMeta descriptions (kubernetes-models leaves them off the literal `apiVersion: "v1"`). */
const TYPE_META: Record<string, string> = {
  apiVersion:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  kind: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};
const SPECIAL_DESCRIPTIONS: Record<string, string> = {
  // kubernetes-models drops this one's comment; upstream's first paragraph.
  'io.k8s.apimachinery.pkg.api.resource.Quantity':
    'Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.',
};

/** `io.k8s.api.core.v1.PodSpec` ↔ the file kubernetes-models declares it in. */
function fileOf(name: string): string {
  const parts = name.split('.');
  const kind = parts[parts.length - 1];
  if (name.startsWith('io.k8s.apimachinery.pkg.')) return join(APIMACHINERY, ...parts.slice(4, -1), `${kind}.d.ts`);
  if (name.startsWith(`${APIEXTENSIONS}.`)) return join(MODELS, 'apiextensions.k8s.io', 'v1', `${kind}.d.ts`);
  const [group, version] = parts.slice(3, 5);
  const folder = readdirSync(MODELS).find((d) => d === group || d.startsWith(`${group}.`)) ?? group;
  const dir = group === 'core' ? [version] : [folder, version];
  return join(MODELS, ...dir, `${kind}.d.ts`);
}

/** `IIoK8sApiCoreV1PodSpec` → `io.k8s.api.core.v1.PodSpec`. */
export function upstreamName(tsName: string): string {
  const ext = /^II?oK8sApiextensionsApiserverPkgApisApiextensionsV1(.+)$/.exec(tsName);
  if (ext) return `${APIEXTENSIONS}.${ext[1]}`;
  if (tsName === 'IJSONSchemaProps') return `${APIEXTENSIONS}.JSONSchemaProps`; // its self-references use the local name
  const m = /^II?oK8s(Apimachinery|Api)(.*)$/.exec(tsName);
  if (!m) throw new Error(`not a Kubernetes type: ${tsName}`);
  if (m[1] === 'Api') {
    const g = /^([A-Z][a-z]+)(V\d+(?:(?:alpha|beta)\d+)?)(.+)$/.exec(m[2]);
    if (!g) throw new Error(`cannot read ${tsName}`);
    return `io.k8s.api.${g[1].toLowerCase()}.${g[2].toLowerCase()}.${g[3]}`;
  }
  const known: [string, string][] = [
    ['PkgApisMetaV1', 'pkg.apis.meta.v1'],
    ['PkgApiResource', 'pkg.api.resource'],
    ['PkgUtilIntstr', 'pkg.util.intstr'],
    ['PkgRuntime', 'pkg.runtime'],
  ];
  const hit = known.find(([p]) => m[2].startsWith(p));
  if (!hit) throw new Error(`cannot read ${tsName}`);
  return `io.k8s.apimachinery.${hit[1]}.${m[2].slice(hit[0].length)}`;
}

/** client-node's number formats: class → property → int32 | int64 | double. */
function numberFormats(name: string): Record<string, string> {
  const kind = name.split('.').pop()!;
  const candidates = name.startsWith('io.k8s.api.core.v1.') ? [`CoreV1${kind}`, `V1${kind}`] : [`V1${kind}`];
  const file = candidates.map((c) => join(CLIENT_MODELS, `${c}.js`)).find((f) => existsSync(f));
  if (!file) return {};
  const out: Record<string, string> = {};
  for (const m of readFileSync(file, 'utf8').matchAll(/"baseName": "([^"]+)",\s*"type": "([^"]+)",\s*"format": "([^"]*)"/g)) if (m[3]) out[m[1]] = m[3];
  return out;
}

const docText = (node: ts.Node): string =>
  ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((d) => (typeof d.comment === 'string' ? d.comment : (d.comment ?? []).map((c) => c.text).join('')))
    .join('\n')
    .trim();

type Schema = Record<string, unknown>;

class Generator {
  readonly schemas: Record<string, Schema> = {};
  private readonly pending: string[] = [];

  constructor(private readonly gvks: Map<string, { group: string; version: string; kind: string }>) {}

  run(roots: string[]) {
    this.pending.push(...roots);
    while (this.pending.length) {
      const name = this.pending.shift()!;
      if (!this.schemas[name]) this.schemas[name] = this.schemaOf(name);
    }
    return Object.fromEntries(Object.entries(this.schemas).sort(([a], [b]) => a.localeCompare(b)));
  }

  private ref(name: string): Schema {
    if (!this.schemas[name] && !this.pending.includes(name)) this.pending.push(name);
    return { $ref: `#/components/schemas/${name}` };
  }

  private schemaOf(name: string): Schema {
    const text = readFileSync(fileOf(name), 'utf8');
    const source = ts.createSourceFile(fileOf(name), text, ts.ScriptTarget.ES2022, true);
    const decl = source.statements.find((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text.startsWith('I'));
    if (!decl) throw new Error(`no declaration in ${fileOf(name)}`);
    const description = SPECIAL_DESCRIPTIONS[name] ?? docText(decl);
    if (SPECIAL[name]) return { ...(description ? { description } : {}), ...SPECIAL[name] };
    if (!ts.isInterfaceDeclaration(decl)) throw new Error(`${name}: expected an interface`);
    const formats = numberFormats(name);
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const member of decl.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const prop = (member.name as ts.StringLiteral | ts.Identifier).text;
      const typeMeta = (prop === 'apiVersion' || prop === 'kind') && this.gvks.has(name);
      const doc = docText(member) || (typeMeta ? TYPE_META[prop] : '');
      const schema = typeMeta ? { type: 'string' } : this.typeOf(member.type, formats[prop]);
      properties[prop] = withDescription(schema, doc);
      if (!member.questionToken && !typeMeta) required.push(prop);
    }
    const gvk = this.gvks.get(name);
    return {
      ...(description ? { description } : {}),
      type: 'object',
      ...(Object.keys(properties).length ? { properties } : {}),
      ...(required.length ? { required } : {}),
      ...(gvk ? { 'x-kubernetes-group-version-kind': [gvk] } : {}),
    };
  }

  private typeOf(t: ts.TypeNode, format?: string): Schema {
    if (t.kind === ts.SyntaxKind.StringKeyword) return { type: 'string', ...(format === 'byte' ? { format } : {}) };
    if (t.kind === ts.SyntaxKind.BooleanKeyword) return { type: 'boolean' };
    if (t.kind === ts.SyntaxKind.NumberKeyword) return format === 'double' ? { type: 'number', format } : { type: 'integer', format: format === 'int64' ? 'int64' : 'int32' };
    if (t.kind === ts.SyntaxKind.UnknownKeyword || t.kind === ts.SyntaxKind.AnyKeyword || t.kind === ts.SyntaxKind.ObjectKeyword) return { type: 'object' };
    if (ts.isUnionTypeNode(t) && t.types.every((u) => ts.isLiteralTypeNode(u) && ts.isStringLiteral(u.literal))) {
      return { type: 'string', enum: t.types.map((u) => ((u as ts.LiteralTypeNode).literal as ts.StringLiteral).text) };
    }
    if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return { type: 'string', enum: [t.literal.text] };
    if (ts.isArrayTypeNode(t)) return { type: 'array', items: this.itemOf(t.elementType, format) };
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) {
      if (t.typeName.text === 'Array' && t.typeArguments?.length === 1) return { type: 'array', items: this.itemOf(t.typeArguments[0], format) };
      return this.ref(upstreamName(t.typeName.text));
    }
    if (ts.isTypeLiteralNode(t)) {
      const index = t.members.find(ts.isIndexSignatureDeclaration);
      if (index?.type) return { type: 'object', additionalProperties: this.itemOf(index.type, format) };
      return { type: 'object' };
    }
    throw new Error(`unsupported type: ${t.getText()}`);
  }

  /** Array items and map values: references are wrapped as upstream wraps them (`allOf`, `default: {}`). */
  private itemOf(t: ts.TypeNode, format?: string): Schema {
    const s = this.typeOf(t, format);
    return s.$ref ? wrapRef(s, this.isObject(String(s.$ref))) : s;
  }

  private isObject(ref: string) {
    return !SPECIAL[ref.replace('#/components/schemas/', '')];
  }
}

function wrapRef(ref: Schema, object: boolean): Schema {
  return { allOf: [ref], ...(object ? { default: {} } : {}) };
}

function withDescription(schema: Schema, description: string): Schema {
  const body = schema.$ref ? wrapRef(schema, !SPECIAL[String(schema.$ref).replace('#/components/schemas/', '')]) : schema;
  return description ? { description, ...body } : body;
}

function generate(): string {
  const gvks = new Map(ROOTS.filter(([, g]) => g).map(([n, g]) => [n, g!]));
  const schemas = new Generator(gvks).run(ROOTS.map(([n]) => n));
  return JSON.stringify(schemas, null, 1) + '\n';
}

if (require.main === module) {
  const text = generate();
  if (process.argv.includes('--check')) {
    const current = existsSync(TARGET) ? readFileSync(TARGET, 'utf8') : '';
    if (current !== text) {
      console.error(`${TARGET} is stale: run node dist/scripts/gen-openapi-schemas.js`);
      process.exit(1);
    }
    console.log(`${TARGET} is up to date`);
  } else {
    writeFileSync(TARGET, text);
    console.log(`wrote ${TARGET}: ${Object.keys(JSON.parse(text)).length} schemas`);
  }
}

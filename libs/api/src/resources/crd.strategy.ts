import type { StatusCause } from '../types';
import type { PlainStrategy } from './plain-strategies';
import { invalid, required, unsupported } from '../field-causes';

type Obj = Record<string, any>;


const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const PRINTER_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];

function versionCauses(v: Obj, i: number): StatusCause[] {
  const f = `spec.versions[${i}]`;
  const out: StatusCause[] = [];
  if (typeof v.name !== 'string' || !DNS1035_LABEL.test(v.name)) out.push(invalid(`${f}.name`, v.name ?? '', DNS1035_MSG));
  if (!v.schema?.openAPIV3Schema) out.push(required(`${f}.schema.openAPIV3Schema`, 'schemas are required'));
  else if (v.schema.openAPIV3Schema.type !== 'object') out.push(invalid(`${f}.schema.openAPIV3Schema.type`, v.schema.openAPIV3Schema.type ?? '', 'must be object at the root'));
  (v.additionalPrinterColumns ?? []).forEach((c: Obj, j: number) => {
    const cf = `${f}.additionalPrinterColumns[${j}]`;
    if (!c.name) out.push(required(`${cf}.name`));
    if (!c.jsonPath) out.push(required(`${cf}.JSONPath`));
    if (!PRINTER_TYPES.includes(c.type)) out.push(unsupported(`${cf}.type`, c.type ?? '', PRINTER_TYPES));
  });
  const scale = v.subresources?.scale;
  if (scale && !scale.specReplicasPath) out.push(required(`${f}.subresources.scale.specReplicasPath`));
  if (scale && !scale.statusReplicasPath) out.push(required(`${f}.subresources.scale.statusReplicasPath`));
  return out;
}

/** ValidateCustomResourceDefinition (apiextensions-apiserver), the rules a simulator can check. */
export function crdCauses(o: Obj, old?: Obj): StatusCause[] {
  const spec = o.spec ?? {};
  const names = spec.names ?? {};
  const out: StatusCause[] = [];
  if (o.metadata?.name !== `${names.plural}.${spec.group}`) out.push(invalid('metadata.name', o.metadata?.name ?? '', 'must be spec.names.plural+"."+spec.group'));
  if (!spec.group) out.push(required('spec.group'));
  else if (!String(spec.group).includes('.')) out.push(invalid('spec.group', spec.group, 'should be a domain with at least one dot'));
  if (!spec.scope) out.push(required('spec.scope'));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') out.push(unsupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  const versions: Obj[] = Array.isArray(spec.versions) ? spec.versions : [];
  versions.forEach((v, i) => out.push(...versionCauses(v, i)));
  if (new Set(versions.map((v) => v.name)).size !== versions.length) out.push(invalid('spec.versions', versions, 'must contain unique version names'));
  if (versions.filter((v) => v.storage === true).length !== 1) out.push(invalid('spec.versions', versions, 'must have exactly one version marked as storage version'));
  if (!names.plural) out.push(required('spec.names.plural'));
  if (!names.singular) out.push(required('spec.names.singular'));
  if (!names.kind) out.push(required('spec.names.kind'));
  if (!names.listKind) out.push(required('spec.names.listKind'));
  for (const [field, value] of [['plural', names.plural], ['singular', names.singular]] as const) {
    if (value && !DNS1035_LABEL.test(value)) out.push(invalid(`spec.names.${field}`, value, DNS1035_MSG));
  }
  const strategy = spec.conversion?.strategy;
  if (strategy !== undefined && strategy !== 'None') out.push(unsupported('spec.conversion.strategy', strategy, ['None']));
  if (old && old.spec?.scope !== spec.scope) out.push(invalid('spec.scope', spec.scope, 'field is immutable'));
  return out;
}

/** SetDefaults_CustomResourceDefinition and the create strategy: names, conversion, stored versions. */
function prepare(o: Obj, old?: Obj): Obj {
  const spec = o.spec ?? {};
  const names = spec.names ?? {};
  const kind = typeof names.kind === 'string' ? names.kind : '';
  return {
    ...o,
    spec: {
      ...spec,
      names: { ...names, ...(kind && !names.singular ? { singular: kind.toLowerCase() } : {}), ...(kind && !names.listKind ? { listKind: `${kind}List` } : {}) },
      conversion: spec.conversion ?? { strategy: 'None' },
    },
    ...(old ? {} : { status: undefined }),
  };
}

function initialStatus(o: Obj): Obj {
  const storage = (o.spec?.versions ?? []).find((v: Obj) => v.storage)?.name;
  return { conditions: [], acceptedNames: { plural: '', kind: '' }, storedVersions: storage ? [storage] : [] };
}

export const customResourceDefinitionStrategy: PlainStrategy = { prepare, validate: crdCauses, initialStatus };

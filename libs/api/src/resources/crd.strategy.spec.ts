import { customResourceDefinitionStrategy, crdCauses } from './crd.strategy';

type Obj = Record<string, any>;
const v1 = (over: Obj = {}) => ({ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } }, ...over });
function aCrd(spec: Obj = {}, name = 'crontabs.stable.example.com'): Obj {
  return customResourceDefinitionStrategy.prepare!({
    metadata: { name },
    spec: { group: 'stable.example.com', scope: 'Namespaced', names: { plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'] }, versions: [v1()], ...spec },
  });
}
const messages = (o: Obj, old?: Obj) => crdCauses(o, old).map((c) => `${c.field}: ${c.message}`);

describe('CustomResourceDefinition strategy', () => {
  it('defaults singular and listKind from the kind, conversion None; a valid CRD has no causes', () => {
    const crd = aCrd();
    expect(crd.spec.names).toEqual({ plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'], singular: 'crontab', listKind: 'CronTabList' });
    expect(crd.spec.conversion).toEqual({ strategy: 'None' });
    expect(messages(crd)).toEqual([]);
  });

  it('a new CRD starts with no conditions, empty accepted names and its storage version stored', () => {
    expect(customResourceDefinitionStrategy.initialStatus!(aCrd({ versions: [v1({ storage: false }), v1({ name: 'v2' })] }))).toEqual({ conditions: [], acceptedNames: { plural: '', kind: '' }, storedVersions: ['v2'] });
  });

  it.each([
    ['a name that is not plural.group', aCrd({}, 'crontab.stable.example.com'), 'metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group'],
    ['a group without a dot', aCrd({ group: 'example' }, 'crontabs.example'), 'spec.group: Invalid value: "example": should be a domain with at least one dot'],
    ['an unknown scope', aCrd({ scope: 'Global' }), 'spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"'],
    ['a version without a schema (v1 requires one)', aCrd({ versions: [{ name: 'v1', served: true, storage: true }] }), 'spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required'],
    ['a conversion webhook (not simulated)', aCrd({ conversion: { strategy: 'Webhook' } }), 'spec.conversion.strategy: Unsupported value: "Webhook": supported values: "None"'],
  ])('%s', (_n, crd, expected) => {
    expect(messages(crd)).toEqual([expected]);
  });

  it('exactly one storage version: none or two are refused', () => {
    expect(messages(aCrd({ versions: [v1({ storage: false })] }))).toContainEqual(expect.stringMatching(/^spec\.versions: Invalid value: .*: must have exactly one version marked as storage version$/));
    expect(messages(aCrd({ versions: [v1(), v1({ name: 'v2' })] }))).toContainEqual(expect.stringMatching(/must have exactly one version marked as storage version$/));
  });

  it('version names are unique DNS-1035 labels', () => {
    expect(messages(aCrd({ versions: [v1(), v1({ storage: false })] }))).toContainEqual(expect.stringMatching(/^spec\.versions: Invalid value: .*: must contain unique version names$/));
    expect(messages(aCrd({ versions: [v1({ name: 'V1' })] }))[0]).toMatch(/^spec\.versions\[0\]\.name: Invalid value: "V1": a DNS-1035 label must consist of lower case/);
  });

  it('the scope cannot change', () => {
    expect(messages(aCrd({ scope: 'Cluster' }), aCrd())).toEqual(['spec.scope: Invalid value: "Cluster": field is immutable']);
  });
});

import { applyDefaults, prune, validateAgainstSchema, type Json, type StructuralSchema } from './index';

/** The docs' CronTab schema, with the constraints the tables below exercise. */
const CRONTAB: StructuralSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
        image: { type: 'string', minLength: 1, maxLength: 20 },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
        policy: { type: 'string', enum: ['Allow', 'Forbid'] },
        ports: { type: 'array', maxItems: 2, items: { type: 'object', properties: { port: { type: 'integer' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        size: { 'x-kubernetes-int-or-string': true },
      },
    },
  },
};
const aCronTab = (spec: Record<string, Json>): Json => ({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x', unknownMeta: 1 }, spec: { cronSpec: '* * * * */5', ...spec } });
const messages = (o: Json) => validateAgainstSchema(o, CRONTAB).map((c) => `${c.field}: ${c.message}`);

describe('structural schema validation (upstream ValidateCustomResource messages)', () => {
  it.each([
    ['a string where an integer is declared', { replicas: 'three' }, 'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
    ['a number that is not an integer', { replicas: 1.5 }, 'spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"'],
    ['below the minimum', { replicas: 0 }, 'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1'],
    ['above the maximum', { replicas: 11 }, 'spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10'],
    ['a pattern not matched', { cronSpec: '* * * *' }, `spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`],
    ['a value outside the enum', { policy: 'Maybe' }, 'spec.policy: Unsupported value: "Maybe": supported values: "Allow", "Forbid"'],
    ['shorter than minLength', { image: '' }, 'spec.image: Invalid value: "": spec.image in body should be at least 1 chars long'],
    ['longer than maxLength', { image: 'x'.repeat(21) }, 'spec.image: Too long: may not be more than 20 bytes'],
    ['more items than maxItems', { ports: [{}, {}, {}] }, 'spec.ports: Too many: 3: must have at most 2 items'],
    ['a wrong type inside an array item', { ports: [{ port: 'http' }] }, 'spec.ports[0].port: Invalid value: "string": spec.ports[0].port in body must be of type integer: "string"'],
    ['a wrong type as a map value', { labels: { a: 1 } }, 'spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"'],
    ['a boolean for int-or-string', { size: true }, 'spec.size: Invalid value: "boolean": spec.size in body must be of type integer,string: "boolean"'],
    ['null for a field that is not nullable', { image: null }, 'spec.image: Invalid value: "null": spec.image in body must be of type string: "null"'],
  ])('%s', (_name, spec, expected) => {
    expect(messages(aCronTab(spec as Record<string, Json>))).toEqual([expected]);
  });

  it('a required field missing is `Required value`', () => {
    expect(messages({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x' }, spec: {} })).toEqual(['spec.cronSpec: Required value']);
  });

  it('a valid object, int-or-string as either, and metadata left to ObjectMeta: no causes', () => {
    expect(messages(aCronTab({ replicas: 3, policy: 'Allow', size: 5 }))).toEqual([]);
    expect(messages(aCronTab({ size: '5Gi' }))).toEqual([]);
  });
});

describe('pruning', () => {
  it('drops the fields the schema does not specify and names them; apiVersion, kind and metadata stay at the root', () => {
    const { value, removed } = prune(aCronTab({ someRandomField: 42, ports: [{ port: 80, name: 'http' }] }), CRONTAB);
    expect(removed).toEqual(['spec.ports[0].name', 'spec.someRandomField']);
    expect(value).toEqual({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x', unknownMeta: 1 }, spec: { cronSpec: '* * * * */5', ports: [{ port: 80 }] } });
  });

  it('keeps everything under x-kubernetes-preserve-unknown-fields and every key of a map', () => {
    const { removed } = prune(aCronTab({ extra: { anything: { deep: true } }, labels: { a: 'b' } }), CRONTAB);
    expect(removed).toEqual([]);
  });

  it('drops unknown root fields too', () => {
    expect(prune({ apiVersion: 'v', kind: 'K', metadata: {}, status2: {} }, CRONTAB).removed).toEqual(['status2']);
  });
});

describe('defaulting', () => {
  it('a missing field with a default gets it; a given one is kept', () => {
    expect(applyDefaults(aCronTab({}), CRONTAB)).toMatchObject({ spec: { replicas: 1 } });
    expect(applyDefaults(aCronTab({ replicas: 4 }), CRONTAB)).toMatchObject({ spec: { replicas: 4 } });
  });

  it('defaults apply only inside objects that exist (no spec → no spec.replicas)', () => {
    expect(applyDefaults({ apiVersion: 'v', kind: 'K', metadata: {} }, CRONTAB)).toEqual({ apiVersion: 'v', kind: 'K', metadata: {} });
  });

  it('an object default is copied, then defaulted inside', () => {
    const schema: StructuralSchema = { type: 'object', properties: { spec: { type: 'object', default: {}, properties: { n: { type: 'integer', default: 2 } } } } };
    expect(applyDefaults({}, schema)).toEqual({ spec: { n: 2 } });
  });
});

describe('schema patterns in Go syntax', () => {
  it('RE2’s (?i) group is a case-insensitive match (prometheus-operator’s partial_response_strategy)', async () => {
    const { goPattern } = await import('./validate');
    expect(goPattern('^(?i)(abort|warn)?$').test('WARN')).toBe(true);
    expect(goPattern('^(?i)(abort|warn)?$').test('maybe')).toBe(false);
  });
});

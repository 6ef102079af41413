import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** A kubernetes-models class: built from plain data, `validate()` throws with ajv's errors. */
type ModelClass = new (data?: any) => { validate(): void };

/** A model by name, its class loaded on first use. */
export interface KubernetesModel {
  readonly name: string;
  load(): ModelClass;
}

const ALL: KubernetesModel[] = [];

export function lazyModel(name: string, load: () => ModelClass): KubernetesModel {
  let cls: ModelClass | undefined;
  const model = { name, load: () => (cls ??= load()) };
  ALL.push(model);
  return model;
}

/** Loads every model now (the apiserver, at start-up, so its first reply is not seconds late). */
export function loadKubernetesModels(): void {
  for (const m of ALL) m.load();
}

interface AjvIssue {
  instancePath?: string;
  message?: string;
}

/** `/containerStatuses/0/restartCount` → `containerStatuses[0].restartCount`. */
const fieldOf = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, p) => (/^\d+$/.test(p) ? `${path}[${p}]` : path ? `${path}.${p}` : p), '');

/**
 * What is wrong with `value` as upstream's OpenAPI schema of `model` sees it (kubernetes-models'
 * compiled validators): one line per issue, naming the field inside the value. Empty = valid.
 */
export function kubernetesModelIssues(model: KubernetesModel, value: unknown, required: readonly string[] = []): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['must be an object'];
  // Fields upstream's schema leaves optional but a write cannot do without (a Node's name).
  const missing = required.filter((path) => {
    const v = path.split('.').reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined), value);
    return typeof v !== 'string' || v === '';
  });
  if (missing.length) return missing.map((path) => `${path} is required`);
  try {
    new (model.load())(value).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: AjvIssue[] }).errors;
    if (!Array.isArray(errors)) return [e instanceof Error ? e.message : String(e)];
    // A oneOf (quantity: number or string) reports each branch; its last line says the outcome.
    return [...new Set(errors.map((x) => `${fieldOf(x.instancePath ?? '')} ${x.message ?? 'is invalid'}`.trim()))];
  }
}

/**
 * The property is a `model` (or, with `each`, a list of them) as upstream's schema defines it:
 * types, enums, required fields, quantity and date-time formats, all the way down.
 */
export function IsKubernetes(model: KubernetesModel, options: ValidationOptions & { required?: readonly string[] } = {}) {
  const { required, ...validation } = options;
  const kind = model.name;
  return (target: object, property: string) =>
    registerDecorator({
      name: `isKubernetes${kind}`,
      target: target.constructor,
      propertyName: property,
      options: {
        ...validation,
        message: (a: ValidationArguments) => {
          const values = options.each && Array.isArray(a.value) ? a.value : [a.value];
          const at = (i: number, m: string) => (!options.each ? m : m.startsWith('must') ? `[${i}] ${m}` : `[${i}].${m}`);
          const issues = values.flatMap((v, i) => kubernetesModelIssues(model, v, required).map((m) => at(i, m)));
          return `${a.property} is not a valid ${kind}: ${issues.join('; ')}`;
        },
      },
      validator: { validate: (value: unknown) => kubernetesModelIssues(model, value, required).length === 0 },
    });
}

/** A map of strings to strings (labels, annotations). */
export function IsStringMap(options: ValidationOptions = {}) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName: property,
      options: { message: (a: ValidationArguments) => `${a.property} must be a map of strings`, ...options },
      validator: {
        validate: (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'),
      },
    });
}

/**
 * A whole object (`kind`, `metadata.name`…) valid by the schema of its own kind, from `models`;
 * a kind with no model there is only required to be an object with a kind and metadata.
 */
export function IsKubernetesObject(models: Readonly<Record<string, KubernetesModel>>, options: ValidationOptions = {}) {
  const issues = (v: unknown): string[] => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return ['must be an object'];
    const o = v as { kind?: unknown; metadata?: unknown };
    if (typeof o.kind !== 'string' || o.kind === '') return ['kind is required'];
    if (typeof o.metadata !== 'object' || o.metadata === null) return ['metadata is required'];
    const model = Object.prototype.hasOwnProperty.call(models, o.kind) ? models[o.kind] : undefined;
    return model ? kubernetesModelIssues(model, v) : [];
  };
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isKubernetesObject',
      target: target.constructor,
      propertyName: property,
      options: { message: (a: ValidationArguments) => `${a.property} is not a valid ${String((a.value as { kind?: unknown })?.kind ?? 'object')}: ${issues(a.value).join('; ')}`, ...options },
      validator: { validate: (v: unknown) => issues(v).length === 0 },
    });
}

/** The property is the model `models[payload[sibling]]` (a status by the payload's `kind`). */
export function IsKubernetesBy(sibling: string, models: Readonly<Record<string, KubernetesModel>>, options: ValidationOptions = {}) {
  const modelOf = (payload: object) => {
    const key = (payload as Record<string, unknown>)[sibling];
    return typeof key === 'string' && Object.prototype.hasOwnProperty.call(models, key) ? models[key] : undefined;
  };
  const issues = (value: unknown, payload: object) => {
    const model = modelOf(payload);
    return model ? kubernetesModelIssues(model, value) : typeof value === 'object' && value !== null ? [] : ['must be an object'];
  };
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isKubernetesBy',
      target: target.constructor,
      propertyName: property,
      options: { message: (a: ValidationArguments) => `${a.property} is not a valid ${modelOf(a.object)?.name ?? 'object'}: ${issues(a.value, a.object).join('; ')}`, ...options },
      validator: { validate: (value: unknown, a?: ValidationArguments) => issues(value, a?.object ?? {}).length === 0 },
    });
}

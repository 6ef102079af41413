import type { Container } from '@kubesim/api';
import { containerNamed, fieldRefValue, resourceFieldValue, type DownwardContext, type ResourceFieldRef } from './downward-api';
import { expandVars } from './env-expansion';
import { notFoundMessage, objectValues, type ObjectLookup } from './object-lookup';

interface KeyRef {
  name?: string;
  key: string;
  optional?: boolean;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef; fieldRef?: { fieldPath: string }; resourceFieldRef?: ResourceFieldRef };
}
interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

export interface EnvContext extends DownwardContext {
  objects: ObjectLookup;
  /** Variables for Services and the runtime's own (`KUBERNETES_SERVICE_HOST` …): expansion sees them. */
  serviceEnv: Readonly<Record<string, string>>;
}

/** A container's environment, or the CreateContainerConfigError text that stops it from starting. */
export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; message: string };

/**
 * The kubelet's makeEnvironmentVariables: every `envFrom` source in order (prefix prepended, later
 * sources overwriting), then `env` in order (values with `$(VAR)` expanded against the variables so
 * far and the service variables), then the service variables not already set. A missing object or
 * key fails the container with the kubelet's exact text unless the reference is `optional`.
 * Resolved once per container start: later changes to the objects do not reach a running container.
 */
export function resolveEnv(container: Container, ctx: EnvContext): EnvResult {
  const namespace = ctx.pod.metadata.namespace;
  const env: Record<string, string> = {};
  for (const from of (container.envFrom ?? []) as EnvFromSource[]) {
    const kind = from.configMapRef ? 'ConfigMap' : from.secretRef ? 'Secret' : undefined;
    const ref = from.configMapRef ?? from.secretRef;
    if (!kind || !ref) continue;
    const o = ctx.objects(kind, namespace, ref.name ?? '');
    if (!o) {
      if (ref.optional) continue;
      return { ok: false, message: notFoundMessage(kind, ref.name ?? '') };
    }
    // 1.30+ (RelaxedEnvironmentVariableValidation): every key is passed through, prefixed.
    for (const [k, v] of Object.entries(objectValues(kind, o))) env[`${from.prefix ?? ''}${k}`] = v;
  }
  const lookup = (name: string) => env[name] ?? ctx.serviceEnv[name];
  for (const e of (container.env ?? []) as EnvVar[]) {
    if (e.value !== undefined && e.value !== '') {
      env[e.name] = expandVars(e.value, lookup);
      continue;
    }
    const from = e.valueFrom;
    if (!from) {
      env[e.name] = '';
      continue;
    }
    const r = valueFrom(from, container, ctx, namespace);
    if (r === undefined) continue; // optional and missing: skipped
    if (typeof r !== 'string') return r;
    env[e.name] = r;
  }
  for (const [k, v] of Object.entries(ctx.serviceEnv)) if (!(k in env)) env[k] = v;
  return { ok: true, env };
}

function valueFrom(from: NonNullable<EnvVar['valueFrom']>, container: Container, ctx: EnvContext, namespace: string): string | undefined | { ok: false; message: string } {
  if (from.fieldRef) return fieldRefValue(ctx, from.fieldRef.fieldPath, 'env') ?? '';
  if (from.resourceFieldRef) {
    const c = containerNamed(ctx.pod, from.resourceFieldRef.containerName, container);
    return (c && resourceFieldValue(ctx, c, from.resourceFieldRef)) ?? '';
  }
  const kind = from.configMapKeyRef ? 'ConfigMap' : from.secretKeyRef ? 'Secret' : undefined;
  const ref = from.configMapKeyRef ?? from.secretKeyRef;
  if (!kind || !ref) return '';
  const o = ctx.objects(kind, namespace, ref.name ?? '');
  if (!o) return ref.optional ? undefined : { ok: false, message: notFoundMessage(kind, ref.name ?? '') };
  const values = objectValues(kind, o);
  if (!(ref.key in values)) return ref.optional ? undefined : { ok: false, message: `couldn't find key ${ref.key} in ${kind} ${namespace}/${ref.name ?? ''}` };
  return values[ref.key];
}

/** ExpandContainerCommandAndArgs: `$(VAR)` in command and args against the container's environment. */
export function expandCommand(container: Container, env: Readonly<Record<string, string>>): Container {
  const ex = (xs: unknown) => (Array.isArray(xs) ? xs.map((s) => expandVars(String(s), (n) => env[n])) : xs);
  return { ...container, ...(container.command ? { command: ex(container.command) } : {}), ...(container.args ? { args: ex(container.args) } : {}) } as Container;
}

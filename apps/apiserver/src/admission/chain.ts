import type { KubeObject } from '@kubesim/api';
import type { ClusterView } from '@kubesim/core';
import { badRequest } from '../http/status';
import type { AdmissionContext, Attributes } from './admission';
import { SYSTEM_CONTEXT } from './object-strategy';
import { MUTATING, STRATEGIES, VALIDATING } from './plugins';

/**
 * One write through admission, as kube-apiserver runs it: every mutating plugin in order, the
 * storage's strategy (defaults, generated name, 422 causes), then every validating plugin on the
 * object as it would be stored. Returns that object, or throws the Status of the first refusal.
 * Both entry points (REST handlers and the NATS internal API) call this.
 */
/** Plugins turned off (kube-apiserver's `--disable-admission-plugins`; `KUBESIM_DISABLE_ADMISSION_PLUGINS`). */
let disabled: ReadonlySet<string> = new Set();
export function disableAdmissionPlugins(names: readonly string[]): void {
  disabled = new Set(names.filter(Boolean));
}
export const isAdmissionPluginEnabled = (name: string): boolean => !disabled.has(name);

export function admitWrite(a: Attributes, view: ClusterView, ctx: AdmissionContext = SYSTEM_CONTEXT): KubeObject {
  let object = a.object;
  for (const p of MUTATING) if (!disabled.has(p.name)) object = p.admit({ ...a, object }, view, ctx);
  const strategy = STRATEGIES.find((s) => s.handles(a.kind));
  if (!strategy) throw badRequest(`kind ${a.kind} cannot be written here`);
  const stored = strategy.prepare({ ...a, object }, view, ctx);
  for (const p of VALIDATING) if (!disabled.has(p.name)) p.validate({ ...a, object: stored as Record<string, any> }, view, ctx);
  return stored;
}

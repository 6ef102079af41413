import type { Container } from '@kubesim/api';
import { expandCommand, resolveEnv, scaledMs } from '@kubesim/runtime';
import type { ContainerRuntime } from './container-runtime';
import { warning } from './kubelet-event';
import type { LifecycleContext } from './container-lifecycle';

/** The pod worker's retry after a failed sync other than a pull (backOffPeriod; upstream adds up to 50 % jitter). */
export const CONFIG_ERROR_RETRY_SECONDS = 10;

/**
 * generateContainerConfig's part that can fail: the container's environment (envFrom, env with
 * configMapKeyRef/secretKeyRef/fieldRef/resourceFieldRef, `$(VAR)`) and its command/args expanded
 * with it. On a missing object or key the container waits in CreateContainerConfigError, with the
 * kubelet's `Failed` event, and is tried again after the retry period.
 */
export function containerConfig(c: ContainerRuntime, at: number, ctx: LifecycleContext): { spec: Container; env: Record<string, string> } | undefined {
  const { pod, node, sandbox } = ctx;
  const r = resolveEnv(c.spec, {
    pod,
    podIP: sandbox.ip,
    hostIP: node.hostIP,
    allocatable: node.allocatable ?? {},
    objects: node.objects ?? (() => undefined),
    serviceEnv: sandbox.serviceEnv(),
  });
  if (r.ok) return { spec: expandCommand(c.spec, r.env), env: r.env };
  ctx.events.push(warning('Failed', `Error: ${r.message}`, c.fieldPath));
  const retryAt = at + scaledMs(CONFIG_ERROR_RETRY_SECONDS, node.timeScale);
  c.phase = { kind: 'pull-failed', reason: 'CreateContainerConfigError', message: r.message, showBackOffAt: Infinity, retryAt, backingOff: false };
  ctx.wake.push(retryAt);
  return undefined;
}

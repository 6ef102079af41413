import type { Container } from '@kubesim/api';
import { stopContainer, type LifecycleContext } from './container-lifecycle';
import { containerStatus, type ContainerRuntime } from './container-runtime';

/**
 * What the kubelet does when a container's spec changes under it — on a pod, only `image` can
 * (computePodActions / computeInitContainerActions, kuberuntime_manager.go):
 * - `restart`: the container runs; it is killed and started again with the new spec, whatever the
 *   restart policy ("Container web definition changed, will be restarted"; a sidecar: "Init
 *   container x definition changed").
 * - `adopt`: it has not started yet, waits on a pull or a crash back-off, or is already stopping:
 *   its next start uses the new spec (a fixed image ends an ImagePullBackOff at once).
 * - `none`: the same spec; or a regular init container that is running (the kubelet waits for it)
 *   or done — since Kubernetes 1.20 a changed init container image does not restart the pod.
 */
export type SpecChange = { kind: 'none' } | { kind: 'adopt' } | { kind: 'restart'; message: string };

export function specChange(c: ContainerRuntime, spec: Container): SpecChange {
  if (spec.image === c.spec.image) return { kind: 'none' };
  const p = c.phase;
  switch (p.kind) {
    case 'new':
    case 'pulling':
    case 'pull-failed':
      return { kind: 'adopt' };
    case 'exited':
      return p.final || (c.init && !c.sidecar && p.exitCode === 0) ? { kind: 'none' } : { kind: 'adopt' };
    case 'stopping':
      return c.init && !c.sidecar ? { kind: 'none' } : { kind: 'adopt' };
    case 'running':
      if (c.init && !c.sidecar) return { kind: 'none' };
      return { kind: 'restart', message: c.sidecar ? `Init container ${c.spec.name} definition changed` : `Container ${c.spec.name} definition changed, will be restarted` };
    default: {
      const _exhaustive: never = p;
      return _exhaustive;
    }
  }
}

/** Carries a spec change out at `now`. */
export function applySpecChange(c: ContainerRuntime, spec: Container, now: number, ctx: LifecycleContext): void {
  const change = specChange(c, spec);
  switch (change.kind) {
    case 'none':
      return;
    case 'adopt': {
      c.spec = spec;
      const p = c.phase;
      // A pull of the old image is abandoned; a crash back-off is per spec (GetStableKey), so the new one starts at once.
      if (p.kind === 'pulling' || p.kind === 'pull-failed') c.phase = { kind: 'new' };
      else if (p.kind === 'exited') p.backOff = undefined;
      return;
    }
    case 'restart':
      // The pod worker replaces the container in one sync (kill, pull, create, start): the API
      // shows the old container until the new one runs.
      c.showing = containerStatus(c, ctx.ref, 'ContainerCreating');
      stopContainer(c, now, ctx.pod.spec.terminationGracePeriodSeconds, change.message, 'replace', ctx);
      c.spec = spec;
      return;
    default: {
      const _exhaustive: never = change;
      return _exhaustive;
    }
  }
}

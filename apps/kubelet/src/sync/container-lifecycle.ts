import type { Pod } from '@kubesim/api';
import { NO_CLUSTER, scaledMs, startHandler, type Handler, type PodRef } from '@kubesim/runtime';
import { containerConfig } from './container-config';
import { startContainerProcess } from './container-process';
import { newProber, nextProbeAt, runProbes } from './container-probes';
import type { ContainerRuntime, StopOutcome } from './container-runtime';
import { normal, warning, type KubeletEvent } from './kubelet-event';
import type { PodSandbox } from './pod-sandbox';
import type { NodeContext } from './pod-runtime';

/** What container lifecycle steps need from the pod worker. */
export interface LifecycleContext {
  readonly pod: Pod;
  readonly ref: PodRef;
  readonly node: NodeContext;
  readonly sandbox: PodSandbox;
  readonly events: KubeletEvent[];
  readonly wake: number[];
  /** Whether the pod's restart policy restarts this container after this exit code. */
  restartable(c: ContainerRuntime, exitCode: number): boolean;
}

/** The kubelet never gives a container less than this to stop (minimumGracePeriodInSeconds). */
export const MINIMUM_GRACE_SECONDS = 2;
/** A preStop hook still running when the grace period ends gets this much more, once. */
export const PRESTOP_EXTENSION_SECONDS = 2;

interface Lifecycle {
  postStart?: Handler;
  preStop?: Handler;
}
const lifecycleOf = (c: ContainerRuntime) => (c.spec.lifecycle as Lifecycle | undefined) ?? {};

/** Creates and starts a new instance; with a postStart hook it is not `running` until the hook returns. */
export function startContainer(c: ContainerRuntime, at: number, ctx: LifecycleContext) {
  const config = containerConfig(c, at, ctx);
  if (!config) return;
  c.showing = undefined;
  ctx.events.push(normal('Created', `Created container: ${c.spec.name}`, c.fieldPath), normal('Started', `Started container ${c.spec.name}`, c.fieldPath));
  const env = ctx.sandbox.containerEnv(c.spec, ctx.node.cluster ?? NO_CLUSTER, ctx.node.timeScale, config.env);
  const proc = startContainerProcess(c, env, at, config.spec);
  ctx.sandbox.register(proc);
  const hook = lifecycleOf(c).postStart;
  c.prober = newProber(c.spec, at, ctx.node.timeScale);
  c.phase = { kind: 'running', startedAt: at, proc, env, ...(hook ? { postStart: startHandler(hook, env, at) } : {}) };
}

/** A running container up to `now`: its postStart hook, its probes, its exit. */
export function advanceRunning(c: ContainerRuntime, now: number, ctx: LifecycleContext) {
  const p = c.phase;
  if (p.kind !== 'running') return;
  if (p.postStart) {
    const hook = p.postStart.proc.advance(now);
    p.proc.advance(now);
    if (!hook.exit) return void pushWake(ctx, hook.nextWakeAt, p.proc.nextWakeAt);
    const failed = hook.exit.code !== 0;
    const message = hookFailure('postStart', lifecycleOf(c).postStart!, c, ctx.ref, hook.exit.code, p.postStart.output());
    p.postStart = undefined;
    if (failed) {
      ctx.events.push(warning('FailedPostStartHook', message, c.fieldPath));
      return stopContainer(c, hook.exit.at, ctx.pod.spec.terminationGracePeriodSeconds, 'FailedPostStartHook', 'policy', ctx);
    }
  }
  const verdict = c.prober ? runProbes(c.prober, p.proc, p.env, c.spec, now, ctx.events, c.fieldPath) : {};
  if (verdict.kill && !p.proc.exit) {
    const grace = verdict.kill.probe.terminationGracePeriodSeconds ?? ctx.pod.spec.terminationGracePeriodSeconds;
    const what = verdict.kill.type === 'Liveness' ? 'liveness' : 'startup';
    stopContainer(c, verdict.kill.at, grace, `Container ${c.spec.name} failed ${what} probe, will be restarted`, 'policy', ctx);
    return advanceStopping(c, now, ctx);
  }
  const exit = p.proc.advance(now).exit;
  if (!exit) return void pushWake(ctx, p.proc.nextWakeAt, c.prober && nextProbeAt(c.prober));
  c.phase = { kind: 'exited', startedAt: p.startedAt, finishedAt: exit.at, exitCode: exit.code, oomKilled: exit.reason === 'OOMKilled', final: !ctx.restartable(c, exit.code) };
}

/**
 * killContainer: the `Killing` event, the preStop hook, then SIGTERM, and SIGKILL when the grace
 * period is over. `final`: the container will not run again, or 'policy' to let the restart policy
 * say, or 'replace' to start it again at once.
 */
export function stopContainer(c: ContainerRuntime, at: number, graceSeconds: number, message: string, final: StopOutcome, ctx: LifecycleContext) {
  const p = c.phase;
  if (p.kind !== 'running') return;
  ctx.events.push(normal('Killing', message, c.fieldPath));
  const killAt = at + scaledMs(Math.max(graceSeconds, MINIMUM_GRACE_SECONDS), ctx.node.timeScale);
  const hook = lifecycleOf(c).preStop;
  p.proc.advance(at);
  if (hook) {
    c.phase = { kind: 'stopping', startedAt: p.startedAt, proc: p.proc, env: p.env, killAt, final, preStop: startHandler(hook, p.env, at) };
  } else {
    p.proc.signal('TERM', at);
    c.phase = { kind: 'stopping', startedAt: p.startedAt, proc: p.proc, env: p.env, killAt, final };
  }
}

export function advanceStopping(c: ContainerRuntime, now: number, ctx: LifecycleContext) {
  const p = c.phase;
  if (p.kind !== 'stopping') return;
  if (p.preStop) {
    const hook = p.preStop.proc.advance(Math.min(now, p.killAt));
    p.proc.advance(Math.min(now, p.killAt));
    if (hook.exit) {
      if (hook.exit.code !== 0) ctx.events.push(warning('FailedPreStopHook', hookFailure('preStop', lifecycleOf(c).preStop!, c, ctx.ref, hook.exit.code, p.preStop.output()), c.fieldPath));
      p.proc.signal('TERM', hook.exit.at);
      p.preStop = undefined;
    } else if (now >= p.killAt) {
      p.proc.signal('TERM', p.killAt);
      p.preStop = undefined;
      p.killAt += scaledMs(PRESTOP_EXTENSION_SECONDS, ctx.node.timeScale);
    } else return void pushWake(ctx, Math.min(p.killAt, hook.nextWakeAt ?? Infinity), p.proc.nextWakeAt);
  }
  p.proc.advance(Math.min(now, p.killAt));
  if (!p.proc.exit && now >= p.killAt) p.proc.signal('KILL', p.killAt);
  const exit = p.proc.exit;
  if (!exit) return void pushWake(ctx, p.killAt, p.proc.nextWakeAt);
  const final = p.final === 'policy' ? !ctx.restartable(c, exit.code) : p.final === true;
  c.phase = { kind: 'exited', startedAt: p.startedAt, finishedAt: exit.at, exitCode: exit.code, oomKilled: exit.reason === 'OOMKilled', final, ...(p.final === 'replace' ? { replace: true } : {}) };
}

function pushWake(ctx: LifecycleContext, ...times: (number | undefined)[]) {
  const at = Math.min(...times.map((t) => t ?? Infinity));
  if (Number.isFinite(at)) ctx.wake.push(at);
}

/** The kubelet's hook error (lifecycle/handlers.go). */
function hookFailure(_which: string, h: Handler, c: ContainerRuntime, pod: PodRef, code: number, output: string): string {
  const where = `for Container "${c.spec.name}" in Pod "${pod.name}_${pod.namespace}(${pod.uid})"`;
  if (h.exec) {
    const cmd = (h.exec.command ?? []).join(' ');
    return `Exec lifecycle hook ([${cmd}]) ${where} failed - error: command '${cmd}' exited with ${code}: ${output}, message: "${output}"`;
  }
  return `HTTP lifecycle hook (${h.httpGet?.path ?? ''}) ${where} failed - error: ${output}`;
}


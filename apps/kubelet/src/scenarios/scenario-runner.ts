import { admitServiceAccount, defaultPod, type Pod, type Service } from '@kubesim/api';
import { withEgress } from '@kubesim/runtime';
import { podReady, podStatusString } from '@kubesim/printers';
import { clusterNetwork } from '../sync/cluster-network';
import { IpAllocator } from '../sync/ip-allocator';
import { PodRuntime, type NodeContext } from '../sync/pod-runtime';
import { startExec } from '../sync/pod-io';

/** A golden scenario: a manifest as the docs give it, actions at given (Kubernetes) seconds, and how long to watch. */
export interface Scenario {
  /** Kubernetes seconds to run for. */
  until: number;
  pod: Record<string, any>;
  /** ConfigMaps, Secrets … there from the start (the namespace's `default` ServiceAccount and `kube-root-ca.crt` always are). */
  objects?: Record<string, any>[];
  actions?: ScenarioAction[];
}

export type ScenarioAction =
  | { at: number; apply: Record<string, any> }
  | { at: number; delete: { gracePeriodSeconds?: number } }
  | { at: number; exec: { container?: string; command: string[] } };

export const SCENARIO_T0 = Date.parse('2024-05-01T10:00:00Z');
/** Scenarios run at this time scale; the output is in Kubernetes seconds, so it does not depend on it. */
export const SCENARIO_SCALE = 0.01;

/**
 * Runs a scenario through the pure pod runtime on one simulated node, as the kubelet's timer
 * would drive it (no processes, no wall clock), and returns its timeline: every change of the
 * pod's kubectl line, and every kubelet event, at its Kubernetes time.
 */
export function runScenario(s: Scenario): string {
  const ms = (seconds: number) => SCENARIO_T0 + Math.round(seconds * 1000 * SCENARIO_SCALE);
  const seconds = (at: number) => ((at - SCENARIO_T0) / 1000 / SCENARIO_SCALE).toFixed(1).padStart(6) + 's';
  const services: Service[] = [];
  const objects = new Map<string, Record<string, any>>();
  const put = (o: Record<string, any>) => objects.set(`${o.kind}/${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, o);
  put({ kind: 'ServiceAccount', metadata: { name: 'default', uid: 'sa-uid' } });
  put({ kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n' } });
  for (const o of s.objects ?? []) put(o);
  // As admitted by kube-apiserver: the ServiceAccount plugin's token volume.
  let pod = admitServiceAccount(defaultPod(s.pod, 'default', { uid: 'uid-1', now: '2024-05-01T10:00:00Z', suffix: 'xxxxx' }), {}, 'xxxxx');
  pod = { ...pod, spec: { ...pod.spec, nodeName: 'node-1' } };
  const runtime = new PodRuntime(pod);
  const ips = new IpAllocator('10.244.1.0/24');
  const node: NodeContext = {
    nodeName: 'node-1',
    hostIP: '172.18.0.2',
    timeScale: SCENARIO_SCALE,
    images: new Set(),
    strictImages: false,
    objects: (kind, namespace, name) => objects.get(`${kind}/${namespace}/${name}`),
    allocatable: { cpu: '2', memory: '4Gi', 'ephemeral-storage': '100Gi' },
    cluster: withEgress(clusterNetwork({ services: () => services, pods: () => [pod], endpointSlices: () => [] }, (ip, port) => (runtime.sandbox?.ip === ip ? runtime.sandbox.network.listeners.get(port) : undefined)), { offline: false }),
  };
  const lines: string[] = [];
  const actions = [...(s.actions ?? [])].sort((a, b) => a.at - b.at);
  let last = '';
  let now = SCENARIO_T0;
  let gone = false;
  for (let guard = 0; guard < 100_000 && !gone; guard++) {
    const r = runtime.sync(pod, now, node, () => ips.allocate());
    pod = { ...pod, status: r.status };
    for (const e of r.events) lines.push(`${seconds(now)}  event   ${e.type.padEnd(7)} ${e.reason.padEnd(20)} ${container(e.fieldPath)}${e.message}`);
    const line = `${podReady(pod).padEnd(5)} ${(pod.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(pod.status.phase) ? 'Terminating' : podStatusString(pod)).padEnd(24)} ${restarts(pod)}`;
    if (line !== last) lines.push(`${seconds(now)}  status  ${line}`);
    last = line;
    if (r.finished) {
      lines.push(`${seconds(now)}  status  (deleted)`);
      gone = true;
      break;
    }
    const nextAction = actions[0] ? ms(actions[0].at) : Infinity;
    const next = Math.min(r.nextWakeAt ?? Infinity, nextAction);
    if (next > ms(s.until)) break;
    now = Math.max(now, next);
    while (actions[0] && ms(actions[0].at) <= now) {
      const a = actions.shift()!;
      if ('apply' in a && a.apply.kind !== 'Service') {
        put(a.apply);
        lines.push(`${seconds(now)}  action  apply ${a.apply.kind}/${a.apply.metadata.name}`);
      } else if ('apply' in a) {
        const svc = a.apply as Service;
        services.push({ ...svc, metadata: { ...svc.metadata, namespace: svc.metadata.namespace ?? 'default' }, spec: { ...svc.spec, clusterIP: svc.spec.clusterIP ?? `10.96.0.${services.length + 20}` } });
        lines.push(`${seconds(now)}  action  apply ${a.apply.kind}/${a.apply.metadata.name}`);
      } else if ('exec' in a) {
        // `kubectl exec POD [-c C] -- CMD…`: run for at most 10 s of Kubernetes time; its output lines follow.
        lines.push(`${seconds(now)}  action  exec ${a.exec.container ? `-c ${a.exec.container} ` : ''}-- ${a.exec.command.join(' ')}`);
        const session = startExec(pod, runtime, a.exec.container, a.exec.command, now);
        if ('ok' in session) lines.push(`${seconds(now)}  exec    ${session.status.message}`);
        else {
          session.proc.advance(now + 10_000 * SCENARIO_SCALE);
          for (const l of [...session.stdout, ...session.stderr]) lines.push(`${seconds(now)}  exec    ${l}`);
          lines.push(`${seconds(now)}  exec    (exit ${session.proc.exit?.code ?? 'still running'})`);
        }
      } else if ('delete' in a) {
        const grace = a.delete.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds;
        pod = { ...pod, metadata: { ...pod.metadata, deletionTimestamp: new Date(now + grace * 1000 * SCENARIO_SCALE).toISOString(), deletionGracePeriodSeconds: grace } };
        lines.push(`${seconds(now)}  action  delete pod (grace ${grace}s)`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

const container = (fieldPath?: string) => (fieldPath ? `${/\{(.*)\}/.exec(fieldPath)?.[1] ?? ''}: ` : '');
const restarts = (pod: Pod) =>
  [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])].reduce((n, c) => n + c.restartCount, 0);

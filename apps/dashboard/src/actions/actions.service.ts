import { Inject, Injectable } from '@nestjs/common';
import type { KubeObject, Pod } from '@kubesim/api';
import { sendControl } from '@kubesim/cluster-client';
import { cliResource, collectionPath, drainPlan, evictUntilAllowed, itemPath, KubeClient, KubeError, loadKubeconfigAuth, objectName, parseManifests } from '@kubesim/kube-rest';
import { DashboardConfig } from '../config/dashboard.config';
import { composeCommand, type NodeProcessOp } from './compose-commands';

/** What an action printed: kubectl's lines, and its errors as kubectl prints them. */
export interface ActionResult {
  out: string[];
  errors: string[];
  /** Under compose, the command that does what was asked. */
  command?: string;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const enc = encodeURIComponent;

/**
 * Every write of the dashboard: through the apiserver's REST API exactly as kubectl sends it
 * (same admission, same Status errors), and node process actions through `kubesim up`'s control
 * socket as `kubesim node …` (recorded in the log as a NodeProcessAction).
 */
@Injectable()
export class ActionsService {
  readonly kube: KubeClient;
  /** Per node, the latest drain (or uncordon): a drain's retries stop once another one starts. */
  private readonly drains = new Map<string, number>();

  constructor(@Inject(DashboardConfig) private readonly config: DashboardConfig) {
    this.kube = new KubeClient(config.server.replace(/\/$/, ''), 'kubesim-dashboard/0.1', config.kubeconfig ? loadKubeconfigAuth([config.kubeconfig]) : {});
  }

  private async run(f: (out: string[]) => Promise<void>): Promise<ActionResult> {
    const out: string[] = [];
    try {
      await f(out);
      return { out, errors: [] };
    } catch (e) {
      return { out, errors: [message(e)] };
    }
  }

  /** `kubectl create -f -`: each document POSTed with strict field validation; one line per object. */
  async create(yaml: string, namespace = 'default'): Promise<ActionResult> {
    const out: string[] = [];
    const errors: string[] = [];
    let docs: Record<string, any>[];
    try {
      docs = parseManifests(yaml, 'STDIN');
    } catch (e) {
      return { out, errors: [message(e)] };
    }
    for (const m of docs) {
      try {
        const r = cliResource(String(m.kind));
        const ns = r.namespaced ? (m.metadata?.namespace ?? namespace) : undefined;
        const created = await this.kube.post<KubeObject>(`${collectionPath(r, ns)}?fieldValidation=Strict`, m);
        out.push(`${objectName(r, created.metadata.name)} created`);
      } catch (e) {
        errors.push(message(e));
      }
    }
    return { out, errors };
  }

  delete(kind: string, namespace: string | undefined, name: string): Promise<ActionResult> {
    return this.run(async (out) => {
      const r = cliResource(kind);
      await this.kube.delete(itemPath(r, namespace ?? 'default', name));
      out.push(`${objectName(r, name)} deleted`);
    });
  }

  scale(kind: string, namespace: string | undefined, name: string, replicas: number): Promise<ActionResult> {
    return this.run(async (out) => {
      const r = cliResource(kind);
      await this.kube.request('PATCH', `${itemPath(r, namespace ?? 'default', name)}/scale`, { spec: { replicas } }, 'application/merge-patch+json');
      out.push(`${objectName(r, name)} scaled`);
    });
  }

  /** `kubectl cordon|uncordon`: a strategic merge patch of spec.unschedulable. */
  cordon(node: string, unschedulable: boolean): Promise<ActionResult> {
    // Uncordoning ends a drain's retries.
    if (!unschedulable) this.drains.set(node, (this.drains.get(node) ?? 0) + 1);
    return this.run(async (out) => {
      out.push(await this.setUnschedulable(node, unschedulable));
    });
  }

  private async setUnschedulable(node: string, unschedulable: boolean): Promise<string> {
    const verb = unschedulable ? 'cordoned' : 'uncordoned';
    const n = await this.kube.get<{ spec?: { unschedulable?: boolean } }>(`/api/v1/nodes/${enc(node)}`);
    if (Boolean(n.spec?.unschedulable) === unschedulable) return `node/${node} already ${verb}`;
    await this.kube.request('PATCH', `/api/v1/nodes/${enc(node)}`, { spec: { unschedulable: unschedulable || null } }, 'application/strategic-merge-patch+json');
    return `node/${node} ${verb}`;
  }

  /**
   * `kubectl drain NODE --ignore-daemonsets`: cordon, then an Eviction per pod kubectl's filters
   * allow. It does not wait for them to go: the live view shows them terminating. An eviction a
   * PodDisruptionBudget refuses (429) is retried every 5 s in the background, as kubectl drain
   * does, until the pod may go, the node is uncordoned, or an hour has passed.
   */
  drain(node: string): Promise<ActionResult> {
    return this.run(async (out) => {
      out.push(await this.setUnschedulable(node, true));
      const pods = (await this.kube.get<{ items: Pod[] }>('/api/v1/pods')).items;
      const plan = drainPlan(pods, node, { ignoreDaemonsets: true, force: false });
      if (plan.error) throw new Error(`error: ${plan.error}`);
      if (plan.warning) out.push(plan.warning);
      const drain = (this.drains.get(node) ?? 0) + 1;
      this.drains.set(node, drain);
      const refused: Pod[] = [];
      const say = (line: string) => out.push(line);
      await Promise.all(
        plan.evict.map(async (p) => {
          const r = await evictUntilAllowed(this.kube, p, { deadline: Infinity, timeoutText: '', once: true, attempt: say, refused: say });
          if (r.kind === 'failed') throw new Error(r.error);
          if (r.kind === 'refused') refused.push(p);
        }),
      );
      for (const p of refused) {
        const retry = { deadline: Date.now() + 3_600_000, timeoutText: '1h0m0s', cancelled: () => this.drains.get(node) !== drain };
        void new Promise((r) => setTimeout(r, 5_000).unref()).then(() => evictUntilAllowed(this.kube, p, retry)).catch(() => undefined);
      }
      if (refused.length) out.push(`${refused.length === 1 ? '1 pod is' : `${refused.length} pods are`} kept by a PodDisruptionBudget: retrying every 5s until allowed (uncordon ${node} to stop)`);
    });
  }

  /** `kubesim node kill|stop|start|partition|heal NAME`; under compose, the command that does it. */
  async nodeProcess(node: string, op: NodeProcessOp): Promise<ActionResult> {
    if (!this.config.controlSocket) {
      const command = composeCommand(op, node, this.config.composeProject);
      return { out: [], errors: [`the dashboard cannot ${op} a container under docker compose; run: ${command}`], command };
    }
    try {
      const r = await sendControl(this.config.controlSocket, { op, name: node });
      return r.ok ? { out: [r.message], errors: [] } : { out: [], errors: [`error: ${r.error}`] };
    } catch (e) {
      return { out: [], errors: [message(e)] };
    }
  }

  /** The pod's `log` subresource (current or previous instance), as `kubectl logs` prints it. */
  async logs(namespace: string, name: string, container: string | undefined, previous: boolean): Promise<{ text: string; error?: string }> {
    const q = new URLSearchParams();
    if (container) q.set('container', container);
    if (previous) q.set('previous', 'true');
    const res = await this.kube.fetch(`${this.kube.server}/api/v1/namespaces/${enc(namespace)}/pods/${enc(name)}/log?${q}`, { headers: { 'user-agent': this.kube.userAgent } }).catch(() => undefined);
    if (!res) return { text: '', error: `The connection to the server ${new URL(this.kube.server).host} was refused` };
    const text = await res.text();
    if (res.ok) return { text };
    try {
      const s = JSON.parse(text) as { reason: string; message: string };
      return { text: '', error: `Error from server (${s.reason}): ${s.message}` };
    } catch {
      return { text: '', error: text };
    }
  }

  /** `kubectl exec POD -c C -- sh -c LINE`: the command's output and exit code. */
  async exec(namespace: string, name: string, container: string | undefined, line: string): Promise<{ stdout: string; stderr: string; exitCode: number; error?: string }> {
    try {
      return await this.kube.post(`/api/v1/namespaces/${enc(namespace)}/pods/${enc(name)}/exec`, { command: ['sh', '-c', line], ...(container ? { container } : {}) });
    } catch (e) {
      return { stdout: '', stderr: '', exitCode: -1, error: message(e) };
    }
  }
}

import type { KubeObject } from '@kubesim/api';
import { AGE_DESCRIPTION, column, NAME_DESCRIPTION, NONE, type Columns } from './columns';
import { humanDurationSince } from './human-duration';
import { formatLabels } from './selector-format';

type Obj = KubeObject & Record<string, any>;

/** `kubectl get resourcequotas` (1.32 order: AGE before REQUEST and LIMIT). */
export const resourceQuotaColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Age', AGE_DESCRIPTION),
  column('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
  column('Limit', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
];
/** printResourceQuota: `<resource>: <used>/<hard>` per hard resource, sorted; `limits.*` in LIMIT. */
export function resourceQuotaRow(o: Obj, now: number): string[] {
  const hard: Record<string, string> = o.status?.hard ?? {};
  const used: Record<string, string> = o.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const pieces = r.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(`${r}: ${used[r] ?? '0'}/${hard[r]}`);
  }
  return [o.metadata.name, humanDurationSince(o.metadata.creationTimestamp, now), request.join(', '), limit.join(', ')];
}

const CONTAINERS = column('Containers', 'Names of each container in the template.', { priority: 1 });
const IMAGES = column('Images', 'Images referenced by each container in the template.', { priority: 1 });
const names = (t: any, f: 'name' | 'image') => ((t?.spec?.containers ?? []) as Record<string, string>[]).map((c) => c[f]).join(',');

/** `kubectl get replicationcontrollers`: NAME DESIRED CURRENT READY AGE. */
export const replicationControllerColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Desired', 'Replicas is the number of desired replicas.', { type: 'integer' }),
  column('Current', 'Replicas is the most recently observed number of replicas.', { type: 'integer' }),
  column('Ready', 'The number of ready replicas for this replication controller.', { type: 'integer' }),
  column('Age', AGE_DESCRIPTION),
  CONTAINERS,
  IMAGES,
  column('Selector', 'Selector is a label query over pods that should match the Replicas count.', { priority: 1 }),
];
export function replicationControllerRow(o: Obj, now: number): string[] {
  return [
    o.metadata.name,
    String(o.spec?.replicas ?? 0),
    String(o.status?.replicas ?? 0),
    String(o.status?.readyReplicas ?? 0),
    humanDurationSince(o.metadata.creationTimestamp, now),
    names(o.spec?.template, 'name'),
    names(o.spec?.template, 'image'),
    formatLabels(o.spec?.selector),
  ];
}

/** `kubectl get podtemplates`: NAME CONTAINERS IMAGES POD LABELS. */
export const podTemplateColumns: Columns = [
  column('Template', NAME_DESCRIPTION, { format: 'name' }),
  column('Containers', 'Names of each container in the template.'),
  column('Images', 'Images referenced by each container in the template.'),
  column('Pod Labels', 'The labels for the pod template.'),
];
export const podTemplateRow = (o: Obj): string[] => [o.metadata.name, names(o.template, 'name'), names(o.template, 'image'), formatLabels(o.template?.metadata?.labels)];

/** `kubectl get hpa`: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. */
export const horizontalPodAutoscalerColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Reference', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
  column('Targets', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).'),
  column('MinPods', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
  column('MaxPods', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.', { type: 'integer' }),
  column('Replicas', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.', { type: 'integer' }),
  column('Age', AGE_DESCRIPTION),
];
/** formatHPAMetrics for Resource metrics; a metric with no current value prints `<unknown>`. */
export function hpaTargets(o: Obj): string {
  const specs: any[] = o.spec?.metrics ?? [];
  if (specs.length === 0) return NONE;
  const current: any[] = o.status?.currentMetrics ?? [];
  const parts = specs.map((m, i) => {
    if (m.type === 'Resource' && m.resource) {
      const t = m.resource.target ?? {};
      const c = current[i]?.resource?.current;
      if (t.type === 'Utilization') return `${m.resource.name}: ${c?.averageUtilization !== undefined ? `${c.averageUtilization}%` : '<unknown>'}/${t.averageUtilization}%`;
      return `${m.resource.name}: ${c?.averageValue ?? '<unknown>'}/${t.averageValue ?? t.value}`;
    }
    return `<unknown>/<unknown>`;
  });
  return parts.length > 2 ? `${parts.slice(0, 2).join(', ')} + ${parts.length - 2} more...` : parts.join(', ');
}
export function horizontalPodAutoscalerRow(o: Obj, now: number): string[] {
  const ref = o.spec?.scaleTargetRef ?? {};
  return [
    o.metadata.name,
    `${ref.kind ?? ''}/${ref.name ?? ''}`,
    hpaTargets(o),
    o.spec?.minReplicas !== undefined ? String(o.spec.minReplicas) : '<unset>',
    String(o.spec?.maxReplicas ?? 0),
    String(o.status?.currentReplicas ?? 0),
    humanDurationSince(o.metadata.creationTimestamp, now),
  ];
}

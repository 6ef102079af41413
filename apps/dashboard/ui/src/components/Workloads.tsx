import type { WorkloadView } from '../../../src/view/view.types';
import { t } from '../i18n';

/** Deployments, ReplicaSets, DaemonSets …: READY as kubectl prints it, scale and delete. */
export function Workloads({ workloads, disabled, onScale, onDelete }: { workloads: Map<string, WorkloadView>; disabled: boolean; onScale: (w: WorkloadView, n: number) => void; onDelete: (w: WorkloadView) => void }) {
  // ReplicaSets a Deployment owns are drawn through their Deployment.
  const list = [...workloads.values()].filter((w) => w.kind !== 'ReplicaSet' || w.scalable).sort((a, b) => a.key.localeCompare(b.key));
  if (list.length === 0) return null;
  return (
    <div class="workloads" data-testid="workloads">
      <span class="workloads-title">{t('workloads')}</span>
      {list.map((w) => (
        <span class="workload" key={w.key} data-testid="workload" data-workload={`${w.kind}/${w.name}`}>
          <span class="wkind">{w.kind}</span>
          <span class="wname">{w.name}</span>
          <span class="wready">{w.ready}</span>
          {w.scalable && w.replicas !== undefined && (
            <>
              <button disabled={disabled || w.replicas === 0} title={t('scale')} onClick={() => onScale(w, w.replicas! - 1)}>
                −
              </button>
              <button disabled={disabled} title={t('scale')} data-testid="scale-up" onClick={() => onScale(w, w.replicas! + 1)}>
                +
              </button>
            </>
          )}
          <button disabled={disabled} class="danger" title={t('delete')} onClick={() => onDelete(w)}>
            ✕
          </button>
        </span>
      ))}
    </div>
  );
}

import type { ContainerView, PodView } from '../../../src/view/view.types';
import { t } from '../i18n';

const stateMark = (c: ContainerView) => (c.state === 'running' ? (c.ready ? '●' : '◐') : c.state === 'terminated' ? (c.exitCode === 0 ? '✓' : '✕') : '○');
const stateClass = (c: ContainerView) =>
  c.state === 'running' ? (c.ready ? 'c-running' : 'c-notready') : c.state === 'terminated' ? (c.exitCode === 0 ? 'c-done' : 'c-failed') : c.reason && /BackOff|Err/.test(c.reason) ? 'c-failed' : 'c-waiting';

function Container({ c, index }: { c: ContainerView; index?: number }) {
  return (
    <div class={`container ${stateClass(c)}`} title={`${c.image}${c.reason ? ` — ${c.reason}` : ''}`} data-testid="container" data-container={c.name} data-role={c.role}>
      <span class="mark">{stateMark(c)}</span>
      {index !== undefined && <span class="ord">{index + 1}</span>}
      <span class="cname">{c.name}</span>
      <span class="role">{t(c.role)}</span>
      <span class="creason">{c.reason}</span>
      {c.restarts > 0 && <span class="restarts" title={t('restarts')}>↻{c.restarts}</span>}
    </div>
  );
}

/** A pod as the seed tutorial draws it: the pause sandbox, init containers in order, then the app containers. */
export function PodCard({ pod, selected, onSelect }: { pod: PodView; selected: boolean; onSelect: (key: string) => void }) {
  const initDone = pod.init.filter((c) => c.role === 'init' && c.state === 'terminated' && c.exitCode === 0).length;
  const inits = pod.init.filter((c) => c.role === 'init');
  return (
    <div
      class={`pod look-${pod.look}${pod.deleting ? ' deleting' : ''}${selected ? ' selected' : ''}`}
      data-testid="pod-card"
      data-pod={pod.name}
      data-namespace={pod.namespace}
      data-status={pod.status}
      data-node={pod.node}
      onClick={() => onSelect(pod.key)}
    >
      <div class="pod-head">
        <span class="pod-name" title={`${pod.namespace}/${pod.name}`}>{pod.name}</span>
        <span class="pod-status" data-testid="pod-status">{pod.status}</span>
      </div>
      <div class="pod-meta">
        <span>{pod.ready}</span>
        {pod.restarts > 0 && <span class="restarts">↻{pod.restarts}</span>}
        {pod.namespace !== 'default' && <span class="ns">{pod.namespace}</span>}
        {pod.deleting && pod.status !== 'Terminating' && <span class="deleting-tag">{t('deleting')}</span>}
      </div>
      {pod.unschedulable && <div class="sched-msg">{pod.unschedulable}</div>}
      {pod.node && (
        <div class={`sandbox sb-${pod.sandbox}`} title={t('sandbox')}>
          <span class="mark">▣</span> pause <span class="ip">{pod.sandbox === 'ready' ? pod.podIP || '—' : pod.sandbox === 'creating' ? t('sandboxCreating') : t('noSandbox')}</span>
        </div>
      )}
      {inits.length > 0 && (
        <div class="init-progress" title={`${initDone}/${inits.length}`}>
          {inits.map((c) => (
            <span key={c.name} class={`step ${stateClass(c)}`} />
          ))}
        </div>
      )}
      {pod.init.map((c, i) => (
        <Container key={c.name} c={c} index={c.role === 'init' ? i : undefined} />
      ))}
      {pod.containers.map((c) => (
        <Container key={c.name} c={c} />
      ))}
      {pod.volumes.length > 0 && (
        <div class="volumes">
          {t('volumes')}: {pod.volumes.join(', ')}
        </div>
      )}
    </div>
  );
}

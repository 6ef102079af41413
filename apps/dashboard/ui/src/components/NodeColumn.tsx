import type { NodeView, PodView } from '../../../src/view/view.types';
import { t, type Key } from '../i18n';
import { formatCpu, formatMemory, podGroups, requested } from '../state';
import { PodCard } from './PodCard';

export type NodeAction = 'cordon' | 'uncordon' | 'drain' | 'kill' | 'stop' | 'start' | 'partition' | 'heal';

function Bar({ label, used, total, format }: { label: string; used: number; total: number; format: (n: number) => string }) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return (
    <div class="bar" title={`${format(used)} / ${format(total)}`}>
      <span class="bar-label">{label}</span>
      <span class="bar-track">
        <span class={`bar-fill${pct > 90 ? ' full' : ''}`} style={{ width: `${pct}%` }} />
      </span>
      <span class="bar-value">
        {format(used)}/{format(total)}
      </span>
    </div>
  );
}

export function PodGroups({ pods, node, selected, onSelect }: { pods: Iterable<PodView>; node: string; selected: string | null; onSelect: (k: string) => void }) {
  return (
    <>
      {podGroups(pods, node).map((g) => (
        <div class="group" key={g.workload || '-'}>
          {g.workload && <div class="group-title">{g.workload.replace('/', ' / ')}</div>}
          {g.pods.map((p) => (
            <PodCard key={p.key} pod={p} selected={selected === p.key} onSelect={onSelect} />
          ))}
        </div>
      ))}
    </>
  );
}

const ACTIONS: NodeAction[] = ['cordon', 'uncordon', 'drain', 'kill', 'stop', 'start', 'partition', 'heal'];

/** One node: its status, cordon and taints, what is requested of its capacity, and its pods. */
export function NodeColumn(props: {
  node: NodeView;
  pods: Map<string, PodView>;
  selected: string | null;
  onSelect: (k: string) => void;
  onAction?: (node: string, a: NodeAction) => void;
  /** This node is the one followed (the scrubber's "next" jumps to its transitions). */
  followed?: boolean;
  onFollow?: (node: string) => void;
}) {
  const { node, pods } = props;
  const req = requested(pods.values(), node.name);
  return (
    <section class={`column node look-${node.look}${props.followed ? ' followed' : ''}`} data-testid="node-column" data-node={node.name} data-status={node.status}>
      <header class="node-head">
        <div class="node-title">
          <button class="node-name" data-testid="node-follow" title={t('followNode')} onClick={() => props.onFollow?.(node.name)}>
            {node.name}
          </button>
          <span class={`badge node-${node.look}`} data-testid="node-status" title={node.message}>
            {node.status}
          </span>
          {props.onAction && (
            <details class="menu">
              <summary data-testid="node-actions">{t('actions')} ▾</summary>
              <div class="menu-items">
                {ACTIONS.filter((a) => (a === 'cordon' ? !node.cordoned : a === 'uncordon' ? node.cordoned : true)).map((a) => (
                  <button
                    key={a}
                    class={a === 'kill' ? 'danger' : ''}
                    data-testid={`node-action-${a}`}
                    onClick={(e) => {
                      (e.currentTarget.closest('details') as HTMLDetailsElement).open = false;
                      props.onAction!(node.name, a);
                    }}
                  >
                    {t(a as Key)}
                  </button>
                ))}
              </div>
            </details>
          )}
        </div>
        {(node.taints.length > 0 || node.labels.length > 0) && (
          <div class="chips">
            {node.taints.map((x) => (
              <span class="chip taint" key={x} title={t('taints')}>
                {x}
              </span>
            ))}
            {node.labels.map((x) => (
              <span class="chip label" key={x}>
                {x}
              </span>
            ))}
          </div>
        )}
        <Bar label={t('cpu')} used={req.cpu} total={node.cpu} format={formatCpu} />
        <Bar label={t('memory')} used={req.memory} total={node.memory} format={formatMemory} />
        <Bar label={t('pods')} used={req.pods} total={node.pods} format={String} />
      </header>
      <div class="column-body">
        <PodGroups pods={pods.values()} node={node.name} selected={props.selected} onSelect={props.onSelect} />
      </div>
    </section>
  );
}

/** Pods no node holds yet, with the scheduler's reason. */
export function UnscheduledLane({ pods, selected, onSelect }: { pods: Map<string, PodView>; selected: string | null; onSelect: (k: string) => void }) {
  const any = [...pods.values()].some((p) => !p.node);
  return (
    <section class="column lane" data-testid="unscheduled">
      <header class="node-head">
        <div class="node-title">
          <span class="node-name">{t('unscheduled')}</span>
        </div>
      </header>
      <div class="column-body">{any ? <PodGroups pods={pods.values()} node="" selected={selected} onSelect={onSelect} /> : <div class="empty">{t('noPending')}</div>}</div>
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { PodView } from '../../../src/view/view.types';
import { api, type TimelineEntry } from '../api';
import type { EventView } from '../../../src/view/view.types';
import { t } from '../i18n';
import { EventList } from './EventsFeed';

type Tab = 'timeline' | 'events' | 'logs' | 'exec';

function Logs({ pod }: { pod: PodView }) {
  const names = [...pod.init, ...pod.containers].map((c) => c.name);
  const [container, setContainer] = useState(pod.containers[0]?.name ?? names[0]);
  const [previous, setPrevious] = useState(false);
  const [text, setText] = useState<{ text: string; error?: string } | null>(null);
  useEffect(() => {
    setText(null);
    void api.logs(pod.namespace, pod.name, container, previous).then(setText);
  }, [pod.key, pod.restarts, pod.status, container, previous]);
  return (
    <div class="logs">
      <div class="row">
        <select value={container} onChange={(e) => setContainer((e.target as HTMLSelectElement).value)}>
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious((e.target as HTMLInputElement).checked)} /> {t('previous')}
        </label>
      </div>
      {text?.error ? <pre class="err">{text.error}</pre> : <pre class="terminal" data-testid="logs">{text?.text ?? '…'}</pre>}
    </div>
  );
}

function Exec({ pod }: { pod: PodView }) {
  const [container, setContainer] = useState(pod.containers[0]?.name ?? '');
  const [line, setLine] = useState('hostname');
  const [history, setHistory] = useState<{ cmd: string; out: string; err: string }[]>([]);
  const run = async (e: Event) => {
    e.preventDefault();
    const r = await api.exec(pod.namespace, pod.name, container, line);
    const err = r.error ?? r.stderr + (r.exitCode ? `command terminated with exit code ${r.exitCode}\n` : '');
    setHistory((h) => [...h, { cmd: line, out: r.stdout, err }]);
  };
  return (
    <div class="exec">
      <pre class="terminal" data-testid="exec-output">
        {history.map((h, i) => (
          <span key={i}>
            <span class="prompt">$ {h.cmd}</span>
            {'\n'}
            {h.out}
            {h.err && <span class="err">{h.err}</span>}
          </span>
        ))}
      </pre>
      <form class="row" onSubmit={run}>
        <select value={container} onChange={(e) => setContainer((e.target as HTMLSelectElement).value)}>
          {pod.containers.map((c) => (
            <option key={c.name}>{c.name}</option>
          ))}
        </select>
        <input class="grow" value={line} placeholder={t('execHint')} onInput={(e) => setLine((e.target as HTMLInputElement).value)} data-testid="exec-input" />
        <button type="submit">{t('run')}</button>
      </form>
    </div>
  );
}

const when = (iso: string) => new Date(iso).toLocaleTimeString([], { hour12: false }) + '.' + String(new Date(iso).getMilliseconds()).padStart(3, '0');

/**
 * A pod's story: its timeline from the log (as `kubesim replay --pod`: every phase and STATUS
 * with time, node and cause), its Events, each container's logs and a shell.
 */
export function PodStory(props: { pod: PodView; live: boolean; seq: number; onClose: () => void; onDelete: () => void; onSeek: (seq: number) => void; onTimeline: (entries: TimelineEntry[]) => void }) {
  const { pod } = props;
  const [tab, setTab] = useState<Tab>('timeline');
  const [story, setStory] = useState<{ timeline: TimelineEntry[]; events: EventView[] } | null>(null);
  useEffect(() => {
    let current = true;
    void api.story(pod.namespace, pod.name).then((s) => {
      if (!current) return;
      setStory(s);
      props.onTimeline(s.timeline);
    });
    return () => {
      current = false;
    };
  }, [pod.key, pod.status, pod.node, pod.restarts, props.live]);
  return (
    <aside class="story" data-testid="pod-story" data-pod={pod.name}>
      <header>
        <div class="story-title">
          <span class={`dot look-${pod.look}`} />
          <span class="pod-name">
            {pod.namespace}/{pod.name}
          </span>
          <span class="pod-status">{pod.status}</span>
          <span class="spacer" />
          {props.live && (
            <button class="danger" onClick={props.onDelete}>
              {t('delete')}
            </button>
          )}
          <button onClick={props.onClose}>✕</button>
        </div>
        <div class="story-meta">
          {t('node')}: {pod.node || '—'} · IP {pod.podIP || '—'} · {pod.ready} {t('ready')} · {pod.owner || '—'}
        </div>
        <nav class="tabs">
          {(['timeline', 'events', 'logs', 'exec'] as Tab[]).map((x) => (
            <button key={x} class={tab === x ? 'on' : ''} onClick={() => setTab(x)} data-testid={`tab-${x}`} disabled={!props.live && (x === 'logs' || x === 'exec')}>
              {t(x)}
            </button>
          ))}
        </nav>
      </header>
      <div class="story-body">
        {tab === 'timeline' &&
          (story && story.timeline.length ? (
            <table class="timeline">
              <thead>
                <tr>
                  <th>{t('time')}</th>
                  <th>{t('phase')}</th>
                  <th>{t('status')}</th>
                  <th>{t('node')}</th>
                  <th>{t('cause')}</th>
                </tr>
              </thead>
              <tbody>
                {story.timeline.map((e) => (
                  <tr key={`${e.seq}-${e.status}`} data-testid="story-row" class={e.seq <= props.seq ? '' : 'future'} onClick={() => props.onSeek(e.seq)} title={`${e.by} · seq ${e.seq}`}>
                    <td class="mono">{when(e.at)}</td>
                    <td>{e.phase || '-'}</td>
                    <td class="mono">{e.status}</td>
                    <td>{e.node || '-'}</td>
                    <td class="cause">{e.cause}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <div class="empty">{t('noTimeline')}</div>
          ))}
        {tab === 'events' && <EventList events={story?.events ?? []} />}
        {tab === 'logs' && <Logs pod={pod} />}
        {tab === 'exec' && <Exec pod={pod} />}
      </div>
    </aside>
  );
}

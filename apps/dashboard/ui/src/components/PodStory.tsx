import { useEffect, useRef, useState } from 'preact/hooks';
import type { PodView } from '../../../src/view/view.types';
import { api, type TimelineEntry } from '../api';
import type { EventView } from '../../../src/view/view.types';
import { t } from '../i18n';
import { EventList } from './EventsFeed';
import type { ShellClientMessage, ShellServerMessage } from '../../../src/shell/shell-messages';
import { keyBytes, TerminalScreen } from '../terminal-screen';

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

/** The shell WebSocket's URL (the dashboard backend relays it to the apiserver's exec stream). */
const shellUrl = (pod: PodView, container: string) => {
  const u = new URL(`api/pods/${encodeURIComponent(pod.namespace)}/${encodeURIComponent(pod.name)}/shell`, location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  if (container) u.searchParams.set('container', container);
  return u.toString();
};

/** An interactive `sh` in the pod's container (`kubectl exec -it POD -c C -- sh`): click it and type. */
function Exec({ pod }: { pod: PodView }) {
  const [container, setContainer] = useState(pod.containers[0]?.name ?? '');
  const [attempt, setAttempt] = useState(0);
  const [screen, setScreen] = useState<{ text: string; cursor: number }>({ text: '', cursor: 0 });
  const [ended, setEnded] = useState<string | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const term = useRef<HTMLPreElement | null>(null);
  useEffect(() => {
    const model = new TerminalScreen();
    setScreen(model.view());
    setEnded(null);
    const ws = new WebSocket(shellUrl(pod, container));
    socket.current = ws;
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as ShellServerMessage;
      if (m.kind === 'output') {
        model.write(m.data);
        setScreen(model.view());
      } else setEnded(m.error ?? `${t('shellExited')} ${m.exitCode ?? 0}`);
    };
    ws.onclose = () => setEnded((x) => x ?? t('shellClosed'));
    term.current?.focus();
    return () => ws.close();
  }, [pod.key, container, attempt]);
  useEffect(() => {
    if (term.current) term.current.scrollTop = term.current.scrollHeight;
  }, [screen]);
  const send = (data: string) => socket.current?.readyState === WebSocket.OPEN && socket.current.send(JSON.stringify({ kind: 'stdin', data } satisfies ShellClientMessage));
  const onKey = (e: KeyboardEvent) => {
    const bytes = keyBytes(e);
    if (bytes === undefined) return;
    e.preventDefault();
    send(bytes);
  };
  return (
    <div class="exec">
      <pre
        class="terminal shell"
        tabIndex={0}
        ref={term}
        onKeyDown={onKey}
        onPaste={(e) => {
          e.preventDefault();
          send(e.clipboardData?.getData('text') ?? '');
        }}
        data-testid="exec-terminal"
        data-ended={ended === null ? undefined : 'true'}
      >
        {screen.text.slice(0, screen.cursor)}
        {ended === null && <span class="cursor">{screen.text[screen.cursor] ?? ' '}</span>}
        {screen.text.slice(screen.cursor + 1)}
      </pre>
      <div class="row">
        <select value={container} onChange={(e) => setContainer((e.target as HTMLSelectElement).value)}>
          {pod.containers.map((c) => (
            <option key={c.name}>{c.name}</option>
          ))}
        </select>
        <span class="grow" data-testid="exec-status">
          {ended ?? t('execHint')}
        </span>
        {ended !== null && <button onClick={() => setAttempt((n) => n + 1)}>{t('reconnect')}</button>}
      </div>
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

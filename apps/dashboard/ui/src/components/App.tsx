import { useEffect, useRef, useState } from 'preact/hooks';
import type { WorkloadView } from '../../../src/view/view.types';
import { api, liveStream, type ActionResult, type TimelineEntry } from '../api';
import { useLang, useTimeTravel } from '../hooks';
import { setLang, t } from '../i18n';
import { applyMessage, byName, emptyState, type LiveState } from '../state';
import { CreateDialog } from './CreateDialog';
import { EventsFeed } from './EventsFeed';
import { NodeColumn, UnscheduledLane, type NodeAction } from './NodeColumn';
import { PodStory } from './PodStory';
import { Scrubber } from './Scrubber';
import { Toasts, type Toast } from './Toasts';
import { Workloads } from './Workloads';
import { WhatIf } from './WhatIf';

declare global {
  interface Window {
    /** `?bench`: when each live record was drawn (the latency benchmark reads it). */
    __ksRendered?: [number, number][];
  }
}

export function App() {
  const lang = useLang();
  const [live, setLive] = useState<LiveState>(emptyState);
  const [connected, setConnected] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [dialog, setDialog] = useState<'create' | 'whatif' | null>(null);
  const [mode, setMode] = useState<'up' | 'compose'>('up');
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  /** A node followed with the scrubber's "next" (when no pod is selected): its transitions' seqs. */
  const [followed, setFollowed] = useState<{ node: string; seqs: number[] } | null>(null);
  const travel = useTimeTravel();
  const toastId = useRef(0);

  useEffect(() => {
    if (new URLSearchParams(location.search).has('bench')) window.__ksRendered = [];
    void api.config().then((c) => setMode(c.mode), () => undefined);
    return liveStream((m) => setLive((s) => applyMessage(s, m)), setConnected);
  }, []);
  useEffect(() => {
    window.__ksRendered?.push([live.seq, Date.now()]);
  }, [live.seq]);

  const shown = travel.past ?? live;
  const isLive = travel.past === null;
  const pod = selected ? shown.pods.get(selected) ?? live.pods.get(selected) : undefined;

  const report = (title: string, r: ActionResult) => {
    const id = ++toastId.current;
    setToasts((ts) => [...ts.slice(-3), { ...r, id, title }]);
    setTimeout(() => setToasts((ts) => ts.filter((x) => x.id !== id)), r.errors.length ? 15_000 : 5_000);
  };
  const act = async (title: string, f: () => Promise<ActionResult>) => report(title, await f().catch((e: Error) => ({ out: [], errors: [e.message] })));

  const onNode = (node: string, a: NodeAction) =>
    act(`${t(a)} ${node}`, () => (a === 'cordon' || a === 'uncordon' || a === 'drain' ? api.node(node, a) : api.nodeProcess(node, a)));
  const onScale = (w: WorkloadView, n: number) => act(`${t('scale')} ${w.kind}/${w.name} → ${n}`, () => api.scale(w.kind, w.namespace, w.name, n));
  const onDelete = (kind: string, namespace: string, name: string) => act(`${t('delete')} ${kind}/${name}`, () => api.delete(kind, namespace, name));

  const nodes = [...shown.nodes.values()].sort(byName);
  const next = pod ? timeline.find((e) => e.seq > shown.seq)?.seq : followed?.seqs.find((s) => s > shown.seq);
  const follow = (node: string) => {
    if (followed?.node === node) return setFollowed(null);
    setSelected(null);
    setFollowed({ node, seqs: [] });
    void api.nodeTransitions(node).then((r) => setFollowed((f) => (f?.node === node ? { node, seqs: r.seqs } : f)), () => undefined);
  };
  // New transitions keep arriving while a node is followed: refresh its list every two seconds.
  useEffect(() => {
    if (!followed) return;
    const node = followed.node;
    const timer = setInterval(() => void api.nodeTransitions(node).then((r) => setFollowed((f) => (f?.node === node ? { node, seqs: r.seqs } : f)), () => undefined), 2_000);
    return () => clearInterval(timer);
  }, [followed?.node]);

  return (
    <div class={`app${isLive ? '' : ' in-past'}`} lang={lang}>
      <header class="top">
        <h1>{t('title')}</h1>
        <span class={`conn ${connected ? 'ok' : 'bad'}`}>{connected ? t('connected') : t('disconnected')}</span>
        {!isLive && <span class="past-banner">{t('viewingPast')}</span>}
        <span class="spacer" />
        <button class="primary" disabled={!isLive} onClick={() => setDialog('create')} data-testid="open-create">
          + {t('create')}
        </button>
        <button onClick={() => setDialog('whatif')} data-testid="open-whatif">{t('whatIf')}</button>
        <span class="lang">
          <button class={lang === 'en' ? 'on' : ''} onClick={() => setLang('en')} data-testid="lang-en">
            EN
          </button>
          <button class={lang === 'zh' ? 'on' : ''} onClick={() => setLang('zh')} data-testid="lang-zh">
            中文
          </button>
        </span>
      </header>
      <Workloads workloads={shown.workloads} disabled={!isLive} onScale={onScale} onDelete={(w) => onDelete(w.kind, w.namespace, w.name)} />
      <main class="board">
        <div class="columns">
          <UnscheduledLane pods={shown.pods} selected={selected} onSelect={setSelected} />
          {nodes.length === 0 && <div class="empty">{t('noNodes')}</div>}
          {nodes.map((n) => (
            <NodeColumn key={n.name} node={n} pods={shown.pods} selected={selected} onSelect={(k) => (setFollowed(null), setSelected(k))} onAction={isLive ? onNode : undefined} followed={followed?.node === n.name && !pod} onFollow={follow} />
          ))}
        </div>
        {pod ? (
          <PodStory
            key={pod.key}
            pod={pod}
            live={isLive}
            seq={shown.seq}
            onClose={() => (setSelected(null), setTimeline([]))}
            onDelete={() => onDelete('Pod', pod.namespace, pod.name)}
            onSeek={(seq) => travel.seek({ seq })}
            onTimeline={setTimeline}
          />
        ) : (
          <EventsFeed events={shown.events} />
        )}
      </main>
      <Scrubber
        info={travel.info}
        liveSeq={live.seq}
        liveTime={live.time}
        at={travel.past ? { seq: travel.past.seq, time: travel.past.time } : null}
        playing={travel.playing}
        speed={travel.speed}
        next={next}
        hasSelection={Boolean(pod)}
        followedNode={pod ? undefined : followed?.node}
        onSeek={(p) => (travel.refreshInfo(), travel.seek(p))}
        onPlay={travel.setPlaying}
        onSpeed={travel.setSpeed}
        onLive={travel.goLive}
      />
      <Toasts toasts={toasts} dismiss={(id) => setToasts((ts) => ts.filter((x) => x.id !== id))} />
      {dialog === 'create' && <CreateDialog onClose={() => setDialog(null)} />}
      {dialog === 'whatif' && <WhatIf onClose={() => setDialog(null)} />}
    </div>
  );
}

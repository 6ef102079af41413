import type { HistoryInfo } from '../api';
import { SPEEDS, type Point } from '../hooks';
import { t } from '../i18n';

const stamp = (ms: number) => (ms ? new Date(ms).toLocaleString([], { hour12: false }) : '');

export interface ScrubberProps {
  info: HistoryInfo | null;
  liveSeq: number;
  liveTime: number;
  /** The point shown while time travelling; null = live. */
  at: { seq: number; time: number } | null;
  playing: boolean;
  speed: number;
  /** The next transition of the selected pod after the point shown, if any. */
  next: number | undefined;
  hasSelection: boolean;
  /** The node followed when no pod is selected. */
  followedNode?: string;
  onSeek: (p: Point) => void;
  onPlay: (on: boolean) => void;
  onSpeed: (s: number) => void;
  onLive: () => void;
}

/** The log as a line: drag to any record, play it back, jump to the selected pod's next change. */
export function Scrubber(p: ScrubberProps) {
  const ready = Boolean(p.info?.ready);
  const first = p.info?.firstSeq || 1;
  const last = Math.max(p.info?.lastSeq ?? 0, p.liveSeq);
  const seq = p.at?.seq ?? last;
  return (
    <footer class={`scrubber${p.at ? ' past' : ''}`} data-testid="scrubber-bar">
      <button class="play" disabled={!ready} data-testid="play" onClick={() => p.onPlay(!p.playing)}>
        {p.playing ? `❚❚ ${t('pause')}` : `▶ ${t('play')}`}
      </button>
      <label class="speed">
        {t('speed')}
        <select value={p.speed} onChange={(e) => p.onSpeed(Number((e.target as HTMLSelectElement).value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              ×{s}
            </option>
          ))}
        </select>
      </label>
      <input
        type="range"
        data-testid="scrubber"
        min={first}
        max={Math.max(first, last)}
        value={seq}
        disabled={!ready}
        onInput={(e) => p.onSeek({ seq: Number((e.target as HTMLInputElement).value) })}
      />
      <span class="where" data-testid="scrubber-point">
        {ready ? (
          <>
            {t('seq')} {seq}/{last} · {stamp(p.at?.time ?? p.liveTime)}
          </>
        ) : (
          t('loadingHistory')
        )}
      </span>
      <button disabled={!ready || p.next === undefined} title={p.hasSelection ? t('nextTransition') : p.followedNode ? `${t('nextNodeTransition')}: ${p.followedNode}` : t('selectPod')} data-testid="next-transition" onClick={() => p.next !== undefined && p.onSeek({ seq: p.next })}>
        {t('next')} ›
      </button>
      <button class={`live${p.at ? '' : ' on'}`} data-testid="live" onClick={p.onLive}>
        ● {t('live')}
      </button>
    </footer>
  );
}

import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { api, type HistoryInfo } from './api';
import { lang } from './i18n';
import { fromView, type LiveState } from './state';

/** Re-renders the caller when the language changes. */
export function useLang() {
  const [, force] = useReducer((n: number, _: void) => n + 1, 0);
  useEffect(() => lang.subscribe(() => force(undefined as never)), []);
  return lang.get();
}

export type Point = { seq: number } | { time: number };

/** Speeds of play, in log time per real time. */
export const SPEEDS = [1, 2, 5, 10, 30, 60];

const PLAY_TICK_MS = 250;

/**
 * Time travel: the cluster at a point of the log, fetched from the dashboard's history (a
 * checkpoint plus a few records, server-side). While the user drags, only the latest point is
 * asked for once the previous answer is in, so a fast drag never queues up requests.
 */
export function useTimeTravel() {
  const [past, setPast] = useState<LiveState | null>(null);
  const [info, setInfo] = useState<HistoryInfo | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(10);
  const pending = useRef<Point | null>(null);
  const inflight = useRef(false);
  const generation = useRef(0);
  const pastRef = useRef<LiveState | null>(null);
  pastRef.current = past;

  const refreshInfo = () =>
    api
      .history()
      .then(setInfo)
      .catch(() => undefined);
  useEffect(() => {
    void refreshInfo();
  }, []);
  // Until the log has been read, ask again now and then (the scrubber says it is reading).
  useEffect(() => {
    if (info?.ready) return;
    const t = setTimeout(refreshInfo, 1000);
    return () => clearTimeout(t);
  }, [info]);

  const pump = async () => {
    if (inflight.current || !pending.current) return;
    const p = pending.current;
    pending.current = null;
    inflight.current = true;
    const gen = generation.current;
    try {
      const v = await api.at(p);
      if (gen === generation.current) setPast(fromView(v));
    } catch {
      // the log is still being read: the scrubber is disabled meanwhile
    } finally {
      inflight.current = false;
      void pump();
    }
  };

  const seek = (p: Point) => {
    pending.current = p;
    void pump();
  };

  const goLive = () => {
    generation.current++;
    pending.current = null;
    setPlaying(false);
    setPast(null);
    void refreshInfo();
  };

  const infoRef = useRef<HistoryInfo | null>(null);
  infoRef.current = info;
  useEffect(() => {
    if (!playing) return;
    void refreshInfo();
    let time = pastRef.current?.time ?? infoRef.current?.firstTime ?? 0;
    const timer = setInterval(() => {
      time += PLAY_TICK_MS * speed;
      // Past the last record: play has caught up with now.
      if (time > (infoRef.current?.lastTime ?? 0)) return goLive();
      seek({ time });
    }, PLAY_TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed]);

  return { past, info, seek, goLive, playing, setPlaying, speed, setSpeed, refreshInfo };
}

import type { EventView } from '../../../src/view/view.types';
import { t } from '../i18n';

const clock = (iso: string) => (iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : '');

export function EventList({ events }: { events: EventView[] }) {
  if (events.length === 0) return <div class="empty">{t('noEvents')}</div>;
  return (
    <ul class="events">
      {events.map((e) => (
        <li key={e.key} class={`event ev-${e.type}`} data-testid="event">
          <div class="ev-head">
            <span class="ev-reason">{e.reason}</span>
            <span class="ev-object">{e.object}</span>
            {e.count > 1 && <span class="ev-count">×{e.count}</span>}
            <span class="ev-time">{clock(e.last)}</span>
          </div>
          <div class="ev-message">{e.message}</div>
        </li>
      ))}
    </ul>
  );
}

/** The newest Events first, as `kubectl get events --sort-by=.lastTimestamp` reversed. */
export function EventsFeed({ events }: { events: Map<string, EventView> }) {
  const list = [...events.values()].sort((a, b) => b.last.localeCompare(a.last) || a.key.localeCompare(b.key)).slice(0, 100);
  return (
    <aside class="feed" data-testid="events">
      <h2>{t('events')}</h2>
      <EventList events={list} />
    </aside>
  );
}

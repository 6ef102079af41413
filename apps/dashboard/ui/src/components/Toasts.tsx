import type { ActionResult } from '../api';
import { t } from '../i18n';

export interface Toast extends ActionResult {
  id: number;
  title: string;
}

/** What actions answered: kubectl's lines in green, its errors as kubectl prints them in red. */
export function Toasts({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }) {
  return (
    <div class="toasts" data-testid="toasts">
      {toasts.map((x) => (
        <div key={x.id} class={`toast ${x.errors.length ? 'toast-error' : 'toast-ok'}`} data-testid="toast" onClick={() => dismiss(x.id)}>
          <div class="toast-title">{x.title}</div>
          {x.out.map((l, i) => (
            <pre key={`o${i}`} class="out">{l}</pre>
          ))}
          {x.errors.map((l, i) => (
            <pre key={`e${i}`} class="err">{l}</pre>
          ))}
          {x.command && (
            <div class="compose">
              {t('composeHint')} <code>{x.command}</code>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

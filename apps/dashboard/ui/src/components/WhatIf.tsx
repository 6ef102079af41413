import { useState } from 'preact/hooks';
import { t } from '../i18n';

/** What if: an exported log resimulated on another cluster, its report beside the original. */
export function WhatIf({ onClose }: { onClose: () => void }) {
  const [log, setLog] = useState<string | undefined>(undefined);
  const [nodes, setNodes] = useState('');
  const [progress, setProgress] = useState('');
  const [report, setReport] = useState('');
  const [running, setRunning] = useState(false);
  const start = async () => {
    setRunning(true);
    setProgress('');
    setReport('');
    const res = await fetch('api/whatif', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...(log ? { log } : {}), ...(nodes ? { nodes: Number(nodes) } : {}) }) });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const m = JSON.parse(buf.slice(0, i)) as { progress?: string; report?: string };
        buf = buf.slice(i + 1);
        if (m.progress) setProgress((p) => p + m.progress);
        if (m.report) setReport((r) => r + m.report);
      }
    }
    setRunning(false);
  };
  // The report's pod table: every row under its header is a pod that ended differently.
  const lines = report.split('\n');
  const header = lines.findIndex((l) => l.startsWith('NAMESPACE'));
  const differs = (i: number) => header >= 0 && i > header && lines.slice(header + 1, i + 1).every((l) => l.trim() !== '');
  return (
    <div class="modal" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog wide">
        <h2>{t('whatIf')}</h2>
        <p class="hint">{t('whatIfHint')}</p>
        <div class="row">
          <input type="file" accept=".jsonl,.json,.log" onChange={async (e) => setLog(await (e.target as HTMLInputElement).files![0].text())} />
          <label>
            {t('nodes')} <input class="small" type="number" min="1" value={nodes} data-testid="whatif-nodes" onInput={(e) => setNodes((e.target as HTMLInputElement).value)} />
          </label>
          <button class="primary" disabled={running} onClick={start} data-testid="whatif-run">
            {running ? t('running') : log ? t('runWhatIf') : t('runWhatIfCurrent')}
          </button>
        </div>
        <div class="side-by-side">
          <pre class="terminal" data-testid="whatif-progress">{progress}</pre>
          <pre class="terminal report" data-testid="whatif-report">
            {lines.map((l, i) => (
              <div key={i} class={differs(i) ? 'differs' : i === header ? 'report-head' : ''}>
                {l}
              </div>
            ))}
          </pre>
        </div>
        <div class="row end">
          <button onClick={onClose}>{t('cancel')}</button>
        </div>
      </div>
    </div>
  );
}

import { useState } from 'preact/hooks';
import { api, type ActionResult } from '../api';
import { t } from '../i18n';

const EXAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        resources:
          requests: { cpu: 250m, memory: 64Mi }
`;

/** `kubectl create -f -` from pasted YAML: the apiserver's own admission and errors. */
export function CreateDialog({ onClose }: { onClose: () => void }) {
  const [yaml, setYaml] = useState(EXAMPLE);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      setResult(await api.create(yaml));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="modal" data-testid="create-dialog" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog">
        <h2>{t('create')}</h2>
        <p class="hint">{t('createHint')}</p>
        <textarea data-testid="create-yaml" spellcheck={false} value={yaml} onInput={(e) => setYaml((e.target as HTMLTextAreaElement).value)} />
        {result && (
          <div class="result" data-testid="create-result">
            {result.out.map((l, i) => (
              <pre key={`o${i}`} class="out">{l}</pre>
            ))}
            {result.errors.map((l, i) => (
              <pre key={`e${i}`} class="err">{l}</pre>
            ))}
          </div>
        )}
        <div class="row end">
          <button onClick={onClose}>{t('cancel')}</button>
          <button class="primary" disabled={busy} data-testid="create-submit" onClick={submit}>
            {t('submit')}
          </button>
        </div>
      </div>
    </div>
  );
}

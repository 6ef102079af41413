import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { kubeconfigDocument, kubeconfigEntries, kubeconfigPaths, KUBECONFIG_CONTEXT, type ClientAuth } from '@kubesim/kube-rest';
import { parse, stringify } from 'yaml';

export const CONTEXT = KUBECONFIG_CONTEXT;

/** A kubeconfig for the cluster, so `kubectl --kubeconfig <data-dir>/kubeconfig` works anywhere. */
export const kubeconfig = (auth: ClientAuth): string => kubeconfigDocument(auth);

type Named = { name?: string };

/**
 * `doc` with the `kubesim` cluster, user and context added or replaced and made current, as
 * `kind create cluster` does; every other entry is kept as it was.
 */
export function mergeKubeconfig(doc: Record<string, any> | null | undefined, auth: ClientAuth): Record<string, any> {
  const d: Record<string, any> = doc && typeof doc === 'object' ? { ...doc } : {};
  const e = kubeconfigEntries(auth);
  const put = (key: string, entry: Named) => {
    const list: Named[] = Array.isArray(d[key]) ? d[key].filter((x: Named) => x?.name !== entry.name) : [];
    d[key] = [...list, entry];
  };
  d.apiVersion ??= 'v1';
  d.kind ??= 'Config';
  put('clusters', e.cluster);
  put('users', e.user);
  put('contexts', e.context);
  d['current-context'] = CONTEXT;
  d.preferences ??= {};
  return d;
}

/** Merges the cluster into the first file of `$KUBECONFIG` (else `~/.kube/config`, created 0600); returns its path. */
export function mergeIntoUserKubeconfig(auth: ClientAuth, env: NodeJS.ProcessEnv = process.env): string {
  const file = kubeconfigPaths(env)[0];
  const doc = existsSync(file) ? (parse(readFileSync(file, 'utf8')) as Record<string, any> | null) : undefined;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.kubesim.tmp`, stringify(mergeKubeconfig(doc, auth)), { mode: 0o600 });
  renameSync(`${file}.kubesim.tmp`, file);
  return file;
}

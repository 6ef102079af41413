import { customResources, RESOURCES, syncCustomResources, type KubeObject } from '@kubesim/api';
import { Store } from '@kubesim/core';
import type { StoredRecord } from '@kubesim/eventlog';
import type { KubeClient } from '@kubesim/kube-rest';
import { cliResource, collectionPath } from '@kubesim/kube-rest';
import { compareStates, formatDifferences, stateHash } from './verify';

/** Every resource stored in the log (leases live in a KV bucket, not the log). */
const KINDS = RESOURCES.filter((r) => r.storage !== 'lease').map((r) => `${r.plural}${r.group ? `.${r.group}` : ''}`);

interface LiveList {
  kind: string;
  resourceVersion: number;
  items: KubeObject[];
}

/** Every list the apiserver serves (a resource it does not serve yet is skipped). */
async function liveLists(client: KubeClient): Promise<LiveList[]> {
  const out: LiveList[] = [];
  await listEach(client, KINDS, out);
  // The custom resources of the CRDs the apiserver has (their storage version): compared too.
  syncCustomResources(out.find((l) => l.kind === 'CustomResourceDefinition')?.items ?? []);
  const custom = customResources().filter((r) => r.version === r.custom?.storageVersion).map((r) => `${r.plural}.${r.version}.${r.group}`);
  await listEach(client, custom, out);
  return out;
}

async function listEach(client: KubeClient, names: readonly string[], out: LiveList[]): Promise<void> {
  for (const name of names) {
    const r = cliResource(name);
    try {
      const l = await client.get<{ metadata: { resourceVersion: string }; items: KubeObject[] }>(collectionPath(r, undefined));
      out.push({ kind: r.kind, resourceVersion: Number(l.metadata.resourceVersion), items: l.items.map((i) => ({ ...i, kind: r.kind }) as KubeObject) });
    } catch (e) {
      if ((e as { status?: { code?: number } }).status?.code === 404) continue;
      throw e;
    }
  }
}

/**
 * `replay --verify`: rebuilds the state from the log with the same evolve and compares it, object
 * by object, with the apiserver's lists. Each list is compared with the log replayed up to that
 * list's resourceVersion, so a cluster that keeps changing is compared at consistent points.
 */
export async function verifyAgainstLive(client: KubeClient, readRecords: (until: number) => Promise<Iterable<StoredRecord>>): Promise<{ out: string; ok: boolean }> {
  const lists = (await liveLists(client)).sort((a, b) => a.resourceVersion - b.resourceVersion);
  const last = Math.max(0, ...lists.map((l) => l.resourceVersion));
  const store = new Store();
  const fromLog = new Map<string, KubeObject[]>();
  const capture = (upTo: number) => {
    for (const l of lists) if (!fromLog.has(l.kind) && l.resourceVersion <= upTo) fromLog.set(l.kind, [...store.list(l.kind as KubeObject['kind'])]);
  };
  capture(0);
  for (const r of await readRecords(last)) {
    if (r.seq > last) break;
    capture(r.seq - 1);
    store.apply(r.seq, r.record);
  }
  capture(Number.MAX_SAFE_INTEGER);
  const expected = lists.flatMap((l) => fromLog.get(l.kind) ?? []);
  const live = lists.flatMap((l) => l.items);
  const differences = compareStates(expected, live);
  if (differences.length) return { ok: false, out: `the log and the apiserver differ (${differences.length} objects):\n${formatDifferences(differences)}` };
  return { ok: true, out: `state hash ${stateHash(live)}: ${live.length} objects equal at resourceVersion ${last}\n` };
}

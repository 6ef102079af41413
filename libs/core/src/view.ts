import type { Kind, KubeObject, Namespace, Node, Pod } from '@kubesim/api';
import { keyString, type ObjectKey } from './object-key';

/** Read access to the projection, as `decide` needs it. */
export interface ClusterView {
  get(key: ObjectKey): KubeObject | undefined;
  list(kind: Kind): Iterable<KubeObject>;
}

/** Who, when and why — passed with every command so decide stays pure. */
export interface DecideContext {
  /** Wall-clock time of the command, ms since the epoch. */
  now: number;
  by: string;
  cause?: string;
  /** Multiplies every Kubernetes duration (grace periods …). */
  timeScale: number;
}

export const getPod = (v: ClusterView, namespace: string, name: string) => v.get({ kind: 'Pod', namespace, name }) as Pod | undefined;
export const getNode = (v: ClusterView, name: string) => v.get({ kind: 'Node', namespace: '', name }) as Node | undefined;
export const getNamespace = (v: ClusterView, name: string) => v.get({ kind: 'Namespace', namespace: '', name }) as Namespace | undefined;

/** A plain map-backed view: the projection store in every process and in tests. */
export class MapView implements ClusterView {
  readonly objects = new Map<string, KubeObject>();

  get(key: ObjectKey): KubeObject | undefined {
    return this.objects.get(keyString(key));
  }

  *list(kind: Kind): Iterable<KubeObject> {
    for (const o of this.objects.values()) if (o.kind === kind) yield o;
  }
}

import type { Kind, KubeEvent, KubeObject, Namespace, Node, Pod } from '@kubesim/api';
import { eventCorrelationKey } from './event-correlation';
import { keyString, type ObjectKey } from './object-key';

/** Read access to the projection, as `decide` needs it. */
export interface ClusterView {
  get(key: ObjectKey): KubeObject | undefined;
  list(kind: Kind): Iterable<KubeObject>;
  /** The Event an identical new one would update (same object, reason, message, source). */
  findEvent(correlationKey: string): KubeEvent | undefined;
}

/** Who, when and why — passed with every command so decide stays pure. */
export interface DecideContext {
  /** Wall-clock time of the command, ms since the epoch. */
  now: number;
  by: string;
  cause?: string;
  /** Multiplies every Kubernetes duration (grace periods …). */
  timeScale: number;
  /** Where nodes' /24 pod CIDRs come from (`cluster-cidr.ts`); default 10.244.0.0/16. */
  clusterCidr?: string;
}

export const getPod = (v: ClusterView, namespace: string, name: string) => v.get({ kind: 'Pod', namespace, name }) as Pod | undefined;
export const getNode = (v: ClusterView, name: string) => v.get({ kind: 'Node', namespace: '', name }) as Node | undefined;
export const getNamespace = (v: ClusterView, name: string) => v.get({ kind: 'Namespace', namespace: '', name }) as Namespace | undefined;

/** A map-backed view, indexed by kind and by event correlation: the projection store in every process. */
export class MapView implements ClusterView {
  /** Every object by `keyString`. Read-only outside: change it with `set` and `remove`. */
  readonly objects = new Map<string, KubeObject>();
  private readonly byKind = new Map<string, Map<string, KubeObject>>();
  private readonly events = new Map<string, string>();

  get(key: ObjectKey): KubeObject | undefined {
    return this.objects.get(keyString(key));
  }

  list(kind: Kind): Iterable<KubeObject> {
    return this.byKind.get(kind)?.values() ?? [];
  }

  findEvent(correlationKey: string): KubeEvent | undefined {
    const key = this.events.get(correlationKey);
    return key ? (this.objects.get(key) as KubeEvent | undefined) : undefined;
  }

  set(key: string, o: KubeObject): void {
    this.put(key, this.objects.get(key), o);
  }

  remove(key: string): void {
    const o = this.objects.get(key);
    if (o) this.drop(key, o);
  }

  /** `set` when the caller already looked up the object there now (`old`). */
  protected put(key: string, old: KubeObject | undefined, o: KubeObject): void {
    if (old?.kind === o.kind) {
      // A new version of an object keeps its place: replacing is cheaper than remove + add, which
      // matters in a long replay (most records change an object that exists).
      this.objects.set(key, o);
      this.byKind.get(o.kind)!.set(key, o);
      if (o.kind === 'Event') {
        const before = eventCorrelationKey(old as KubeEvent);
        const after = eventCorrelationKey(o);
        if (before !== after && this.events.get(before) === key) this.events.delete(before);
        this.events.set(after, key);
      }
      return;
    }
    if (old) this.drop(key, old);
    this.objects.set(key, o);
    let m = this.byKind.get(o.kind);
    if (!m) this.byKind.set(o.kind, (m = new Map()));
    m.set(key, o);
    if (o.kind === 'Event') this.events.set(eventCorrelationKey(o), key);
  }

  /** `remove` of the object `o` that is there now. */
  protected drop(key: string, o: KubeObject): void {
    this.objects.delete(key);
    this.byKind.get(o.kind)?.delete(key);
    if (o.kind === 'Event') {
      const c = eventCorrelationKey(o);
      if (this.events.get(c) === key) this.events.delete(c);
    }
  }
}

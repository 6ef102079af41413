import type { Pod } from '@kubesim/api';
import {
  resolveClaim,
  scaledMs,
  serviceAccountToken,
  tokenNeedsRefresh,
  volumeClass,
  volumePayload,
  writeAtomically,
  type ObjectLookup,
  type PodVolume,
  type ProjectedContext,
  type ServiceAccountTokenProjection,
  type Volume,
} from '@kubesim/runtime';
import { warning, type KubeletEvent } from './kubelet-event';

/** The first mount retry comes this long after a failure, doubling (goroutinemap exponentialbackoff). */
export const MOUNT_RETRY_INITIAL_MS = 500;
/** …up to this (2m2s: `maxDurationBeforeRetry` 2 min + 2 s). */
export const MOUNT_RETRY_MAX_MS = 122_000;
/**
 * How often a mounted configMap/secret/downwardAPI/projected volume is written again from the API
 * objects: the kubelet's `syncFrequency` (1 min), the delay before a ConfigMap update reaches the files.
 */
export const VOLUME_RESYNC_SECONDS = 60;

/** What the volume manager needs from the node. */
export interface VolumeNodeContext {
  nodeName: string;
  nodeUid?: string;
  hostIP: string;
  timeScale: number;
  objects: ObjectLookup;
  allocatable: Readonly<Record<string, string>>;
  /** A PersistentVolume's files, shared by every pod that mounts it; undefined while still loading. */
  persistentVolume?: (name: string) => Volume | undefined;
}

interface MountState {
  mounted: boolean;
  failures: number;
  retryAt: number;
  resyncAt: number;
}

/**
 * The kubelet's volume manager for one pod: sets up each volume before any container starts
 * (`MountVolume.SetUp`; a failure is a FailedMount event and a retry with exponential back-off,
 * the pod staying ContainerCreating), then re-writes the payload volumes every sync period so
 * their files follow the API objects. Pure and clock-driven; the volumes are the sandbox's.
 */
export class PodVolumes {
  private readonly state = new Map<string, MountState>();
  private readonly tokens = new Map<string, { token: string; issuedAt: number }>();
  private writes = 0;

  constructor(private readonly volumes: Map<string, Volume>) {}

  /** Mounts what is due by `now`; true once every volume is set up. */
  mount(pod: Pod, podIP: string, now: number, node: VolumeNodeContext, events: KubeletEvent[], wake: number[]): boolean {
    let ready = true;
    for (const v of (pod.spec.volumes ?? []) as PodVolume[]) {
      const volume = this.volumes.get(v.name);
      if (volume && volumeClass(v) === 'claim') {
        ready = this.mountClaim(v, pod, now, node, events, wake) && ready;
        continue;
      }
      if (!volume || volumeClass(v) !== 'payload') continue;
      const s = this.state.get(v.name) ?? { mounted: false, failures: 0, retryAt: now, resyncAt: now };
      this.state.set(v.name, s);
      const due = s.mounted ? s.resyncAt : s.retryAt;
      if (now < due) {
        wake.push(due);
        ready &&= s.mounted;
        continue;
      }
      const payload = volumePayload(v, this.context(pod, podIP, now, node));
      if (payload?.ok) {
        if (writeAtomically(volume, payload.files, now, 100000000 + ((now + this.writes++) % 900000000))) this.writes++;
        s.mounted = true;
        s.failures = 0;
        s.resyncAt = now + scaledMs(VOLUME_RESYNC_SECONDS, node.timeScale);
        wake.push(s.resyncAt);
      } else if (payload) {
        events.push(warning('FailedMount', `MountVolume.SetUp failed for volume "${v.name}" : ${payload.message}`));
        const delay = Math.min(MOUNT_RETRY_INITIAL_MS * 2 ** s.failures, MOUNT_RETRY_MAX_MS) * node.timeScale;
        s.failures++;
        if (s.mounted) s.resyncAt = now + Math.max(delay, scaledMs(VOLUME_RESYNC_SECONDS, node.timeScale));
        else s.retryAt = now + delay;
        wake.push(s.mounted ? s.resyncAt : s.retryAt);
      }
      ready &&= s.mounted;
    }
    return ready;
  }

  /** A claim's volume is its bound PV's data, the same Volume for every pod on the node that mounts it. */
  private mountClaim(v: PodVolume, pod: Pod, now: number, node: VolumeNodeContext, events: KubeletEvent[], wake: number[]): boolean {
    const s = this.state.get(v.name) ?? { mounted: false, failures: 0, retryAt: now, resyncAt: Infinity };
    this.state.set(v.name, s);
    if (s.mounted) return true;
    if (now < s.retryAt) {
      wake.push(s.retryAt);
      return false;
    }
    const r = resolveClaim(v.persistentVolumeClaim!.claimName, pod.metadata.namespace, node.objects);
    if (!r.ok) {
      events.push(warning('FailedMount', `Unable to attach or mount volumes: unmounted volumes=[${v.name}], unattached volumes=[], failed to process volumes=[${v.name}]: ${r.message}`));
      s.retryAt = now + Math.min(MOUNT_RETRY_INITIAL_MS * 2 ** s.failures++, MOUNT_RETRY_MAX_MS) * node.timeScale;
      wake.push(s.retryAt);
      return false;
    }
    const data = node.persistentVolume?.(r.persistentVolume);
    // Still being read from the shared store: the kubelet syncs the pod again once it is there.
    if (!data) return false;
    this.volumes.set(v.name, data);
    this.claims.set(v.name, r.persistentVolume);
    s.mounted = true;
    return true;
  }

  /** The PersistentVolumes this pod has mounted (volume name → PV name). */
  readonly claims = new Map<string, string>();

  private context(pod: Pod, podIP: string, now: number, node: VolumeNodeContext): ProjectedContext {
    return {
      pod,
      podIP,
      hostIP: node.hostIP,
      allocatable: node.allocatable,
      objects: node.objects,
      token: (src, p) => this.token(src, p, now, node),
    };
  }

  /** The kubelet's token manager: a TokenRequest for the pod's ServiceAccount, kept until 80 % of its life. */
  private token(src: ServiceAccountTokenProjection, pod: Pod, now: number, node: VolumeNodeContext) {
    const name = pod.spec.serviceAccountName || 'default';
    const sa = node.objects('ServiceAccount', pod.metadata.namespace, name) as { metadata: { name: string; uid: string } } | undefined;
    if (!sa) return { ok: false as const, message: `failed to fetch token: serviceaccounts "${name}" not found` };
    const key = `${src.path}/${src.audience ?? ''}/${src.expirationSeconds ?? 3600}`;
    const cached = this.tokens.get(key);
    // Expiry is in Kubernetes seconds; the refresh runs on the scaled clock.
    if (cached && !tokenNeedsRefresh(cached.issuedAt, (src.expirationSeconds ?? 3600) * node.timeScale, now)) return { ok: true as const, token: cached.token };
    const token = serviceAccountToken(pod, sa, src, now, { name: node.nodeName, uid: node.nodeUid });
    this.tokens.set(key, { token, issuedAt: now });
    return { ok: true as const, token };
  }
}

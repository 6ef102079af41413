import type { Container, Pod } from '@kubesim/api';
import {
  Filesystem,
  findImage,
  imageFilesystem,
  memoryLimit,
  newVolume,
  parseImageRef,
  repositoryName,
  type ClusterNetwork,
  type ContainerEnv,
  type Listener,
  type PodNetwork,
  type Process,
  type ProcessInfo,
  type Volume,
  withSubprocesses,
} from '@kubesim/runtime';
import { PodVolumes } from './pod-volumes';
import { subPathFiles } from './sub-path';
import { hostsLine } from './pod-dns';

interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
}

/**
 * The pod sandbox (pause): the pod IP and its one port space, and the pod's emptyDir volumes,
 * shared by all its containers. Re-created (with its volumes emptied) when the sandbox changes.
 */
export class PodSandbox {
  readonly network: PodNetwork;
  readonly volumes = new Map<string, Volume>();
  /** Sets up the configMap, secret, downwardAPI and projected volumes (and keeps them current). */
  readonly podVolumes = new PodVolumes(this.volumes);
  /** The pod's processes in start order (containers' PID 1s, exec sessions), for a shared PID namespace. */
  private readonly procs: { pid: number; proc: Process }[] = [];
  private nextPid = 8;

  /**
   * `id`: the sandbox's id (`crictl pods`' POD ID); `attempt`: 0 for a pod's first sandbox, 1 for
   * one re-created (SandboxChanged).
   */
  constructor(
    private readonly pod: Pod,
    readonly ip: string,
    readonly createdAt: number,
    readonly id: string = '',
    readonly attempt = 0,
  ) {
    this.network = { ip, hostname: (pod.spec.hostname as string | undefined) ?? pod.metadata.name, listeners: new Map<number, Listener>() };
    for (const v of (pod.spec.volumes as { name: string }[] | undefined) ?? []) this.volumes.set(v.name, newVolume());
  }

  /** A process started in the pod (a container's PID 1, an exec session): `ps` lists it when the namespace is shared. */
  register(proc: Process): void {
    this.procs.push({ pid: this.nextPid, proc });
    this.nextPid += 6;
  }

  /**
   * With `shareProcessNamespace: true` every container sees the pod's processes, the sandbox's
   * `/pause` as PID 1 (it reaps the zombies); otherwise undefined: each sees its own process as PID 1.
   */
  sharedProcesses(): (() => ProcessInfo[]) | undefined {
    if (this.pod.spec.shareProcessNamespace !== true) return undefined;
    return () => [
      { pid: 1, user: '65535', argv: ['/pause'], cpuMs: 0 },
      ...this.procs.filter((p) => !p.proc.exit).flatMap((p) => withSubprocesses(p.proc, p.pid)),
    ];
  }

  /** The variables the kubelet adds for Services (only the `kubernetes` Service's, here). */
  serviceEnv(): Record<string, string> {
    return {
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443',
      KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
    };
  }

  /** What a new instance of container `spec` runs with: a fresh root filesystem from its image, the pod's mounts. */
  containerEnv(spec: Container, cluster: ClusterNetwork, timeScale: number, resolvedEnv: Record<string, string> = this.serviceEnv()): ContainerEnv {
    const parsed = parseImageRef(spec.image);
    const image = parsed.ok ? findImage(repositoryName(parsed.ref)) : undefined;
    const imageTag = parsed.ok ? (parsed.ref.tag ?? 'latest') : undefined;
    const mounts: Record<string, Volume> = {};
    const pinned: Record<string, string> = {};
    for (const m of (spec.volumeMounts as VolumeMount[] | undefined) ?? []) {
      const v = this.volumes.get(m.name);
      if (v && m.subPath) Object.assign(pinned, subPathFiles(v, m.subPath, m.mountPath));
      else if (v) mounts[m.mountPath] = v;
    }
    const hosts = `127.0.0.1\tlocalhost\n${hostsLine(this.pod, this.ip, this.network.hostname)}\n`;
    const root = imageFilesystem(image, { '/etc/hostname': `${this.network.hostname}\n`, '/etc/hosts': hosts, ...pinned });
    // As a container runtime does: the image's Env, then the kubelet's, then the container's own.
    const env: Record<string, string> = {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      ...image?.env,
      HOSTNAME: this.network.hostname,
      HOME: '/root',
      ...resolvedEnv,
    };
    return {
      fs: new Filesystem(root, mounts),
      pod: this.network,
      cluster,
      namespace: this.pod.metadata.namespace,
      timeScale,
      memoryLimitBytes: memoryLimit(spec.resources?.limits as Record<string, unknown> | undefined),
      env,
      image,
      imageTag,
      workingDir: (spec.workingDir as string | undefined) ?? image?.workingDir,
      user: runAs(this.pod, spec, image?.user),
      processes: this.sharedProcesses(),
      sharedPidNamespace: this.pod.spec.shareProcessNamespace === true,
      containerPorts: (spec.ports ?? []).map((p) => p.containerPort),
    };
  }
}

/** `securityContext.runAsUser`/`runAsGroup` (the container's over the pod's), else the image's `User`. */
function runAs(pod: Pod, spec: Container, imageUser: string | undefined): ContainerEnv['user'] {
  const podSc = (pod.spec.securityContext ?? {}) as { runAsUser?: number; runAsGroup?: number };
  const sc = (spec.securityContext ?? {}) as { runAsUser?: number; runAsGroup?: number };
  const uid = sc.runAsUser ?? podSc.runAsUser;
  const gid = sc.runAsGroup ?? podSc.runAsGroup;
  if (uid !== undefined) return { uid, gid: gid ?? 0 };
  if (imageUser === undefined || imageUser === 'root' || imageUser === '0') return gid === undefined ? undefined : { uid: 0, gid };
  const n = Number(imageUser.split(':')[0]);
  return Number.isInteger(n) ? { uid: n, gid: gid ?? n } : { uid: 1000, gid: gid ?? 1000, name: imageUser };
}

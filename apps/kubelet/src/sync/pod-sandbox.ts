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
  type Volume,
} from '@kubesim/runtime';
import { PodVolumes } from './pod-volumes';
import { subPathFiles } from './sub-path';

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

  constructor(
    private readonly pod: Pod,
    readonly ip: string,
    readonly createdAt: number,
  ) {
    this.network = { ip, hostname: (pod.spec.hostname as string | undefined) ?? pod.metadata.name, listeners: new Map<number, Listener>() };
    for (const v of (pod.spec.volumes as { name: string }[] | undefined) ?? []) this.volumes.set(v.name, newVolume());
  }

  /** What a new instance of container `spec` runs with: a fresh root filesystem from its image, the pod's mounts. */
  /** The variables the kubelet adds for Services (only the `kubernetes` Service's, here). */
  serviceEnv(): Record<string, string> {
    return { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
  }

  containerEnv(spec: Container, cluster: ClusterNetwork, timeScale: number, resolvedEnv: Record<string, string> = this.serviceEnv()): ContainerEnv {
    const parsed = parseImageRef(spec.image);
    const image = parsed.ok ? findImage(repositoryName(parsed.ref)) : undefined;
    const mounts: Record<string, Volume> = {};
    const pinned: Record<string, string> = {};
    for (const m of (spec.volumeMounts as VolumeMount[] | undefined) ?? []) {
      const v = this.volumes.get(m.name);
      if (v && m.subPath) Object.assign(pinned, subPathFiles(v, m.subPath, m.mountPath));
      else if (v) mounts[m.mountPath] = v;
    }
    const hosts = `127.0.0.1\tlocalhost\n${this.ip}\t${this.network.hostname}\n`;
    const root = imageFilesystem(image, { '/etc/hostname': `${this.network.hostname}\n`, '/etc/hosts': hosts, ...pinned });
    const env: Record<string, string> = {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
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
      containerPorts: (spec.ports ?? []).map((p) => p.containerPort),
    };
  }
}

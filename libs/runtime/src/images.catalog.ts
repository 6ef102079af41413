import type { ImageCatalog } from './image-catalog';

/**
 * The well-known images, as data. Sizes are compressed linux/amd64 sizes, rounded; one per
 * repository (tags of one image differ little). `servers` lists the executables that run until
 * stopped; anything else a script calls must be a shell builtin or applet kubesim knows.
 */
export const IMAGE_CATALOG: ImageCatalog = {
  unknownImage: { sizeBytes: 50_000_000, sigterm: 'exits', sigtermExitCode: 0 },
  images: [
    {
      repository: 'docker.io/library/busybox',
      tags: [
        'latest', 'stable', 'musl', 'glibc', 'uclibc', '1.27', '1.27.2', '1.28', '1.28.4', '1.29', '1.30',
        '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.36.0', '1.36.1', '1.37', '1.37.0',
      ],
      sizeBytes: 2_160_000,
      entrypoint: [],
      cmd: ['sh'],
      ports: [],
      servers: [],
      sigterm: 'ignores-as-pid1',
    },
    {
      repository: 'registry.k8s.io/busybox',
      aliases: ['k8s.gcr.io/busybox', 'gcr.io/google-containers/busybox', 'gcr.io/google_containers/busybox'],
      tags: ['latest', '1.24', '1.27.2'],
      sizeBytes: 1_144_547,
      entrypoint: [],
      cmd: ['sh'],
      ports: [],
      servers: [],
      sigterm: 'ignores-as-pid1',
    },
    {
      repository: 'docker.io/library/nginx',
      tags: [
        'latest', 'stable', 'mainline', 'alpine', 'alpine-slim', 'stable-alpine', 'perl', '1.14', '1.14.2',
        '1.15', '1.16', '1.16.1', '1.17', '1.18', '1.19', '1.20', '1.21', '1.22', '1.23', '1.24', '1.25',
        '1.25.3', '1.25.4', '1.25.5', '1.25-alpine', '1.26', '1.26.2', '1.26.3', '1.26-alpine', '1.27',
        '1.27.0', '1.27.2', '1.27.3', '1.27.4', '1.27.5', '1.27-alpine', '1.28', '1.28.0', '1.29',
      ],
      sizeBytes: 72_000_000,
      entrypoint: ['/docker-entrypoint.sh'],
      cmd: ['nginx', '-g', 'daemon off;'],
      ports: [80],
      servers: ['nginx', 'nginx-debug', 'docker-entrypoint.sh'],
      sigterm: 'exits',
    },
    {
      repository: 'registry.k8s.io/e2e-test-images/agnhost',
      aliases: ['k8s.gcr.io/e2e-test-images/agnhost'],
      tags: [
        '2.21', '2.32', '2.33', '2.36', '2.39', '2.40', '2.43', '2.45', '2.47', '2.48', '2.50', '2.51',
        '2.52', '2.53', '2.54', '2.55',
      ],
      sizeBytes: 51_000_000,
      entrypoint: ['/agnhost'],
      cmd: ['pause'],
      ports: [],
      servers: ['agnhost', 'agnhost-2'],
      sigterm: 'exits',
    },
    {
      repository: 'docker.io/polinux/stress',
      tags: ['latest', '1.0.4'],
      sizeBytes: 4_040_000,
      entrypoint: [],
      cmd: ['stress'],
      ports: [],
      servers: ['stress'],
      sigterm: 'ignores-as-pid1',
    },
    {
      repository: 'registry.k8s.io/pause',
      aliases: ['k8s.gcr.io/pause'],
      tags: ['latest', '3.1', '3.2', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.10.1'],
      sizeBytes: 321_520,
      entrypoint: ['/pause'],
      cmd: [],
      ports: [],
      servers: ['pause'],
      sigterm: 'exits',
    },
    {
      repository: 'docker.io/library/redis',
      tags: [
        'latest', 'alpine', '6', '6.2', '6.2-alpine', '7', '7.0', '7.2', '7.2-alpine', '7.4', '7.4-alpine',
        '7-alpine', '8', '8.0',
      ],
      sizeBytes: 45_000_000,
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['redis-server'],
      ports: [6379],
      servers: ['redis-server', 'docker-entrypoint.sh'],
      sigterm: 'exits',
    },
    {
      repository: 'docker.io/library/alpine',
      tags: ['latest', 'edge', '3', '3.16', '3.17', '3.18', '3.19', '3.20', '3.21', '3.22'],
      sizeBytes: 3_650_000,
      entrypoint: [],
      cmd: ['/bin/sh'],
      ports: [],
      servers: [],
      sigterm: 'ignores-as-pid1',
    },
    {
      repository: 'gcr.io/google-samples/hello-app',
      tags: ['1.0', '2.0'],
      sizeBytes: 4_100_000,
      entrypoint: [],
      cmd: ['/hello-app'],
      ports: [8080],
      servers: ['hello-app'],
      // A Go program with no signal handler: as PID 1 the runtime's own handler ends it with exit 2.
      sigterm: 'exits',
      sigtermExitCode: 2,
    },
  ],
};

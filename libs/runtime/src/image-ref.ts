/**
 * Image references as the kubelet and containerd read them: `[registry/]path[:tag][@digest]`,
 * normalised like docker/distribution's `ParseNormalizedNamed` so that `nginx`,
 * `library/nginx` and `docker.io/library/nginx:latest` name the same image.
 */
export const DEFAULT_REGISTRY = 'docker.io';
export const DEFAULT_TAG = 'latest';

export interface ImageRef {
  /** Registry host, with port if any: `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  readonly registry: string;
  /** Repository path inside the registry: `library/nginx`, `e2e-test-images/agnhost`. */
  readonly path: string;
  /** Absent only when the reference is pinned by digest alone. */
  readonly tag?: string;
  readonly digest?: string;
}

export type ParsedImageRef = { ok: true; ref: ImageRef } | { ok: false; error: string };

const INVALID = 'invalid reference format';
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

export function parseImageRef(image: string): ParsedImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, error: INVALID };
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, error: INVALID };
  }
  if (rest === '') return { ok: false, error: INVALID };

  const [registry, remote] = splitRegistry(rest);
  if (remote.toLowerCase() !== remote) {
    return { ok: false, error: `${INVALID}: repository name (${remote}) must be lowercase` };
  }
  if (!DOMAIN.test(registry) || !remote.split('/').every((c) => PATH_COMPONENT.test(c))) {
    return { ok: false, error: INVALID };
  }
  return { ok: true, ref: { registry, path: remote, tag: tag ?? (digest ? undefined : DEFAULT_TAG), digest } };
}

/** docker/distribution's splitDockerDomain: the first component is a registry only if it looks like a host. */
function splitRegistry(name: string): [string, string] {
  const slash = name.indexOf('/');
  const first = name.slice(0, slash);
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let registry = isHost ? first : DEFAULT_REGISTRY;
  let remote = isHost ? name.slice(slash + 1) : name;
  if (registry === 'index.docker.io') registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !remote.includes('/')) remote = `library/${remote}`;
  return [registry, remote];
}

/** `docker.io/library/nginx`: the repository without tag or digest. */
export function repositoryName(ref: ImageRef): string {
  return `${ref.registry}/${ref.path}`;
}

/** `docker.io/library/nginx:latest` (or `…@sha256:…` when pinned): what containerd reports. */
export function normalizedImageName(ref: ImageRef): string {
  const tag = ref.tag !== undefined ? `:${ref.tag}` : '';
  const digest = ref.digest !== undefined ? `@${ref.digest}` : '';
  return `${repositoryName(ref)}${tag}${digest}`;
}

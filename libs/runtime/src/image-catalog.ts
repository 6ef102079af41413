import { fakeSha256Hex } from './fake-digest';
import { ImageRef, normalizedImageName, parseImageRef, repositoryName } from './image-ref';
import catalogJson from './images/catalog.json';

/**
 * How PID 1 of the image's default process reacts to SIGTERM. A process without a handler that
 * is PID 1 of its namespace does not die from SIGTERM (the kernel drops it), so it is SIGKILLed
 * when the grace period ends.
 */
export type SigtermBehaviour = 'exits' | 'ignores-as-pid1';

/**
 * What an executable of an image does, by kind: the kinds are implemented in `shell/applets`
 * (`programs.applets.ts`); which image has which executable, and with what output, is data.
 */
export type ProgramSpec =
  /** Runs until stopped, listening on `ports` (default: the image's): an HTTP `docroot` or fixed `http` body, or a TCP `protocol`. */
  | {
      readonly run: 'server';
      readonly ports?: readonly number[];
      readonly docroot?: string;
      /** Body of every HTTP answer; `${HOSTNAME}`, `${POD_IP}`, `${TAG}`, `${DATE}` are replaced. */
      readonly http?: string;
      /** Answers with the request (k8s echoserver). */
      readonly echo?: boolean;
      readonly protocol?: 'redis' | 'tcp';
      /** Lines printed at start (same variables as `http`). */
      readonly banner?: readonly string[];
      /** Exits at once with `message` unless one of these variables is set (mysql, postgres). */
      readonly requireEnv?: { readonly anyOf: readonly string[]; readonly message: readonly string[]; readonly exitCode: number };
    }
  /** Prints `output` and exits 0 (`go version`, `npm`). */
  | { readonly run: 'print'; readonly output: readonly string[]; readonly args?: readonly string[] }
  /** A docker-entrypoint.sh: prints `banner` when it starts one of `bannerFor`, then execs its arguments. */
  /** `prependFor`: the image's server, run with the arguments when they start with `-` or end in `.conf` (the official images' entrypoints). */
  | { readonly run: 'entrypoint'; readonly banner?: readonly string[]; readonly bannerFor?: readonly string[]; readonly prependFor?: string }
  | { readonly run: 'nginx'; readonly docroot: string }
  | { readonly run: 'python'; readonly version: string }
  | { readonly run: 'node'; readonly version: string }
  | { readonly run: 'agnhost' | 'stress' | 'redis-cli' | 'perl' | 'http-echo' | 'curl' };

/** One well-known image. Data only: see `images/catalog.json`. */
export interface ImageEntry {
  /** Fully qualified repository: `docker.io/library/nginx`. */
  readonly repository: string;
  /** Other repositories that serve the same image (older registry names). */
  readonly aliases?: readonly string[];
  /** The tags that exist: a list, or a pattern (`tagPattern`, a regular expression) for images with many. */
  readonly tags?: readonly string[];
  readonly tagPattern?: string;
  /** Compressed size, as a node reports it in `status.images`; drives the pull time. */
  readonly sizeBytes: number;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  /** The image config's `Env`: under the container's own `env`. */
  readonly env?: Readonly<Record<string, string>>;
  /** The image config's `User` (uid or name); root when absent. */
  readonly user?: string;
  readonly workingDir?: string;
  /** Ports the default process listens on. */
  readonly ports: readonly number[];
  /** Executables (basenames) of the image beyond the busybox applets every image has. */
  readonly programs: Readonly<Record<string, ProgramSpec>>;
  /** The distribution (`/etc/os-release` comes from `files`), for `uname` and messages. */
  readonly os: 'busybox' | 'alpine' | 'debian' | 'ubuntu' | 'fedora' | 'oraclelinux' | 'scratch';
  /** Files of the image's root filesystem beyond the common ones. */
  readonly files?: Readonly<Record<string, string>>;
  readonly sigterm: SigtermBehaviour;
  /** Exit code after a handled SIGTERM; 0 when absent. */
  readonly sigtermExitCode?: number;
}

/** What kubesim assumes about an image it does not know (a user's own `mycorp/api:2.3`). */
export interface UnknownImageDefaults {
  readonly sizeBytes: number;
  readonly sigterm: SigtermBehaviour;
  readonly sigtermExitCode: number;
}

export interface ImageCatalog {
  readonly images: readonly ImageEntry[];
  readonly unknownImage: UnknownImageDefaults;
}

export type ImageResolution =
  /** `tag` is undefined only for a reference pinned by digest alone. */
  | { kind: 'known'; entry: ImageEntry; tag: string | undefined; ref: ImageRef }
  | { kind: 'unknown-tag'; ref: ImageRef; message: string }
  | { kind: 'unknown-image'; ref: ImageRef }
  | { kind: 'invalid-name'; message: string };

export const IMAGE_CATALOG = catalogJson as unknown as ImageCatalog;

const byRepository = new Map<string, ImageEntry>(
  IMAGE_CATALOG.images.flatMap((e) => [e.repository, ...(e.aliases ?? [])].map((r) => [r, e] as const)),
);

/** The assumptions for images outside the catalog. */
export const UNKNOWN_IMAGE_DEFAULTS: UnknownImageDefaults = IMAGE_CATALOG.unknownImage;

export function findImage(repository: string): ImageEntry | undefined {
  return byRepository.get(repository);
}

/** Classifies an image reference against the catalog. Digests are never checked (nothing to check against). */
export function resolveImage(image: string): ImageResolution {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return { kind: 'invalid-name', message: invalidImageNameMessage(image, parsed.error) };
  const { ref } = parsed;
  const entry = findImage(repositoryName(ref));
  if (!entry) return { kind: 'unknown-image', ref };
  if (ref.tag !== undefined && !hasTag(entry, ref.tag)) {
    return { kind: 'unknown-tag', ref, message: notFoundPullMessage(ref) };
  }
  return { kind: 'known', entry, tag: ref.tag, ref };
}

const patterns = new Map<string, RegExp>();

export function hasTag(entry: ImageEntry, tag: string): boolean {
  if (entry.tags?.includes(tag)) return true;
  if (entry.tagPattern === undefined) return false;
  let re = patterns.get(entry.tagPattern);
  if (!re) patterns.set(entry.tagPattern, (re = new RegExp(entry.tagPattern)));
  return re.test(tag);
}

/** containerd's error when the registry has no such tag (or, off Docker Hub, no such repository). */
export function notFoundPullMessage(ref: ImageRef): string {
  const name = normalizedImageName(ref);
  return `failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
}

/** containerd's error for a Docker Hub repository that does not exist. */
export function accessDeniedPullMessage(ref: ImageRef): string {
  const name = normalizedImageName(ref);
  return (
    `failed to pull and unpack image "${name}": failed to resolve reference "${name}": ` +
    'pull access denied, repository does not exist or may require authorization: ' +
    'server message: insufficient_scope: authorization failed'
  );
}

/** The kubelet's `InvalidImageName` message (image_manager.go, applyDefaultImageTag). */
export function invalidImageNameMessage(image: string, parseError: string): string {
  return `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": ${parseError}`;
}

/**
 * A stable fake repo digest, `docker.io/library/nginx@sha256:<64 hex>`, derived from the
 * normalised name so that `nginx` and `docker.io/library/nginx:latest` share it.
 */
export function imageID(image: string): string {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return `sha256:${fakeSha256Hex(image)}`;
  const { ref } = parsed;
  const digest = ref.digest ?? `sha256:${fakeSha256Hex(normalizedImageName(ref))}`;
  return `${repositoryName(ref)}@${digest}`;
}

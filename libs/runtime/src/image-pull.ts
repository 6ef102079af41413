import { accessDeniedPullMessage, UNKNOWN_IMAGE_DEFAULTS, imageID, notFoundPullMessage, resolveImage } from './image-catalog';
import { normalizedImageName } from './image-ref';
import { scaledMs } from './timestamps';

/** Simulated registry bandwidth and the floor of a pull (handshake, manifest, unpack). */
export const PULL_BYTES_PER_SECOND = 50_000_000;
export const MIN_PULL_SECONDS = 0.3;

export interface PullOptions {
  /** Refuse images that are not in the catalog, as a registry would refuse a made-up name. */
  readonly strictImages?: boolean;
}

export type PullResult =
  | {
      readonly ok: true;
      /** `docker.io/library/nginx:latest` */
      readonly imageRef: string;
      readonly imageID: string;
      readonly sizeBytes: number;
      readonly known: boolean;
    }
  | {
      readonly ok: false;
      readonly reason: 'ErrImagePull' | 'InvalidImageName';
      /** The container's `waiting.message`. */
      readonly message: string;
      /** The kubelet's `Failed` (or `InspectFailed`) event message. */
      readonly eventMessage: string;
    };

/** What pulling `image` does: its size and id on success, or the kubelet's failure reason and messages. */
export function pullImage(image: string, options: PullOptions = {}): PullResult {
  const resolution = resolveImage(image);
  switch (resolution.kind) {
    case 'invalid-name':
      return { ok: false, reason: 'InvalidImageName', message: resolution.message, eventMessage: resolution.message };
    case 'unknown-tag':
      return pullFailure(image, criError('NotFound', resolution.message));
    case 'unknown-image': {
      if (options.strictImages) {
        const { ref } = resolution;
        const dockerHub = ref.registry === 'docker.io';
        const message = dockerHub ? accessDeniedPullMessage(ref) : notFoundPullMessage(ref);
        return pullFailure(image, criError(dockerHub ? 'Unknown' : 'NotFound', message));
      }
      const imageRef = normalizedImageName(resolution.ref);
      return { ok: true, imageRef, imageID: imageID(image), sizeBytes: UNKNOWN_IMAGE_DEFAULTS.sizeBytes, known: false };
    }
    case 'known': {
      const imageRef = normalizedImageName(resolution.ref);
      return { ok: true, imageRef, imageID: imageID(image), sizeBytes: resolution.entry.sizeBytes, known: true };
    }
  }
}

/** The CRI error as the kubelet receives it over gRPC, e.g. `rpc error: code = NotFound desc = …`. */
export function criError(code: 'NotFound' | 'Unknown', containerdMessage: string): string {
  return `rpc error: code = ${code} desc = ${containerdMessage}`;
}

function pullFailure(image: string, error: string): PullResult {
  return { ok: false, reason: 'ErrImagePull', message: error, eventMessage: `Failed to pull image "${image}": ${error}` };
}

/** How long a pull of `sizeBytes` takes, in simulated milliseconds. */
export function pullDurationMs(sizeBytes: number, timeScale: number): number {
  return scaledMs(Math.max(MIN_PULL_SECONDS, sizeBytes / PULL_BYTES_PER_SECOND), timeScale);
}

/** The `ImagePullBackOff` waiting message and `BackOff` event message. */
export function imagePullBackOffMessage(image: string): string {
  return `Back-off pulling image "${image}"`;
}

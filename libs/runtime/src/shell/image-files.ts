import type { ImageEntry } from '../image-catalog';
import { newVolume, type Volume } from './filesystem';

/** Files every Linux image has; an image's own come from its catalog entry (`files`). */
const COMMON: Record<string, string> = {
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
  '/etc/group': 'root:x:0:\n',
  '/bin/sh': '',
  '/root/.keep': '',
  '/tmp/.keep': '',
  '/var/log/.keep': '',
  '/proc/.keep': '',
};

/** A fresh root filesystem for a container of `image` (each container, and each restart, starts from it). */
export function imageFilesystem(image: ImageEntry | undefined, extra: Record<string, string> = {}): Volume {
  const files = { ...COMMON, ...(image?.files ?? {}), ...extra };
  const v = newVolume(files);
  // Marker files only create their directory.
  for (const k of Object.keys(files)) if (k.endsWith('/.keep')) v.files.delete(k);
  return v;
}

import type { ImageEntry } from '../image-catalog';
import { newVolume, type Volume } from './filesystem';

/** Files every Linux image has, and the ones the docs' examples read from specific images. */
const COMMON: Record<string, string> = {
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
  '/etc/group': 'root:x:0:\n',
  '/bin/sh': '',
  '/root/.keep': '',
  '/tmp/.keep': '',
  '/var/log/.keep': '',
  '/proc/.keep': '',
};

const BY_REPOSITORY: Record<string, Record<string, string>> = {
  'docker.io/library/nginx': {
    '/usr/share/nginx/html/index.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n',
    '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n',
  },
};

/** A fresh root filesystem for a container of `image` (each container, and each restart, starts from it). */
export function imageFilesystem(image: ImageEntry | undefined, extra: Record<string, string> = {}): Volume {
  const files = { ...COMMON, ...(image ? BY_REPOSITORY[image.repository] : {}), ...extra };
  const v = newVolume(files);
  // Marker files only create their directory.
  for (const k of Object.keys(files)) if (k.endsWith('/.keep')) v.files.delete(k);
  return v;
}

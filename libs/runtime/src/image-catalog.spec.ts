import { imageID, resolveImage } from './image-catalog';
import { normalizedImageName, parseImageRef } from './image-ref';

describe('image references', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['library/nginx', 'docker.io/library/nginx:latest'],
    ['docker.io/library/nginx:latest', 'docker.io/library/nginx:latest'],
    ['index.docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['polinux/stress', 'docker.io/polinux/stress:latest'],
    ['registry.k8s.io/busybox:1.27.2', 'registry.k8s.io/busybox:1.27.2'],
    ['localhost:5000/team/app:v1', 'localhost:5000/team/app:v1'],
    [`nginx@sha256:${'a'.repeat(64)}`, `docker.io/library/nginx@sha256:${'a'.repeat(64)}`],
  ])('%s normalises to %s', (image, normalized) => {
    const parsed = parseImageRef(image);
    expect(parsed.ok && normalizedImageName(parsed.ref)).toBe(normalized);
  });

  it.each([
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['nginx@sha256:xyz', 'invalid reference format'],
    ['-nginx', 'invalid reference format'],
  ])('%j is refused with %j', (image, error) => {
    expect(parseImageRef(image)).toEqual({ ok: false, error });
  });
});

describe('image catalog', () => {
  it('nginx:1.161 is an unknown tag with containerd’s not-found message', () => {
    expect(resolveImage('nginx:1.161')).toMatchObject({
      kind: 'unknown-tag',
      message:
        'failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference ' +
        '"docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found',
    });
  });

  it.each([
    ['nginx', 'docker.io/library/nginx', 'latest'],
    ['docker.io/library/nginx:latest', 'docker.io/library/nginx', 'latest'],
    ['nginx:1.14.2', 'docker.io/library/nginx', '1.14.2'],
    ['busybox:1.28', 'docker.io/library/busybox', '1.28'],
    ['registry.k8s.io/busybox:1.27.2', 'registry.k8s.io/busybox', '1.27.2'],
    ['k8s.gcr.io/busybox', 'registry.k8s.io/busybox', 'latest'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', 'registry.k8s.io/e2e-test-images/agnhost', '2.39'],
    ['polinux/stress', 'docker.io/polinux/stress', 'latest'],
    ['registry.k8s.io/pause:3.9', 'registry.k8s.io/pause', '3.9'],
    ['redis:7', 'docker.io/library/redis', '7'],
    ['alpine:3.19', 'docker.io/library/alpine', '3.19'],
    ['gcr.io/google-samples/hello-app:1.0', 'gcr.io/google-samples/hello-app', '1.0'],
  ])('%s is known as %s, tag %s', (image, repository, tag) => {
    const resolved = resolveImage(image);
    expect(resolved.kind).toBe('known');
    expect(resolved.kind === 'known' && [resolved.entry.repository, resolved.tag]).toEqual([repository, tag]);
  });

  it('a digest-pinned known image resolves without a tag', () => {
    expect(resolveImage(`nginx@sha256:${'b'.repeat(64)}`)).toMatchObject({ kind: 'known', tag: undefined });
  });

  it.each(['mycorp/api:2.3', 'ghcr.io/me/tool'])('%s is an unknown image', (image) => {
    expect(resolveImage(image).kind).toBe('unknown-image');
  });

  it('an unparseable name gives the kubelet’s InvalidImageName message', () => {
    expect(resolveImage('Nginx')).toEqual({
      kind: 'invalid-name',
      message:
        'Failed to apply default image tag "Nginx": couldn\'t parse image reference "Nginx": ' +
        'invalid reference format: repository name (library/Nginx) must be lowercase',
    });
  });
});

describe('imageID', () => {
  it('is a repo digest of 64 hex digits', () => {
    expect(imageID('nginx')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });

  it('is the same for every spelling of one image and tag', () => {
    expect(imageID('nginx')).toBe(imageID('docker.io/library/nginx:latest'));
  });

  it('differs between tags', () => {
    expect(imageID('nginx:1.25')).not.toBe(imageID('nginx:1.27'));
  });

  it('keeps a pinned digest', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    expect(imageID(`nginx@${digest}`)).toBe(`docker.io/library/nginx@${digest}`);
  });
});

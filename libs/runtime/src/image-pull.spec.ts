import { imagePullBackOffMessage, pullDurationMs, pullImage } from './image-pull';

describe('image pulls', () => {
  it('a known image pulls with its catalog size', () => {
    expect(pullImage('nginx:1.25')).toMatchObject({
      ok: true,
      imageRef: 'docker.io/library/nginx:1.25',
      sizeBytes: 72_000_000,
      known: true,
    });
  });

  it('an unknown tag fails with ErrImagePull and the CRI error', () => {
    const containerd =
      'failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference ' +
      '"docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found';
    expect(pullImage('nginx:1.161')).toEqual({
      ok: false,
      reason: 'ErrImagePull',
      message: `rpc error: code = NotFound desc = ${containerd}`,
      eventMessage: `Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = ${containerd}`,
    });
  });

  it('an unknown image pulls by default, with the default size', () => {
    expect(pullImage('mycorp/api:2.3')).toMatchObject({ ok: true, known: false, sizeBytes: 50_000_000 });
  });

  it('an unknown Docker Hub image fails when images are strict', () => {
    const result = pullImage('mycorp/api:2.3', { strictImages: true });
    expect(result).toMatchObject({ ok: false, reason: 'ErrImagePull' });
    expect(!result.ok && result.message).toContain(
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/mycorp/api:2.3": ' +
        'failed to resolve reference "docker.io/mycorp/api:2.3": pull access denied',
    );
  });

  it('an unknown image elsewhere fails as not found when images are strict', () => {
    const result = pullImage('ghcr.io/me/tool:1', { strictImages: true });
    expect(!result.ok && result.message).toMatch(/code = NotFound .*ghcr\.io\/me\/tool:1: not found$/);
  });

  it('an invalid name fails with InvalidImageName', () => {
    expect(pullImage('Nginx')).toMatchObject({ ok: false, reason: 'InvalidImageName' });
  });

  it.each([
    [72_000_000, 1, 1440],
    [321_520, 1, 300],
    [72_000_000, 0.1, 144],
    [321_520, 0.1, 30],
  ])('%i bytes at time scale %s pull in %i ms', (size, scale, ms) => {
    expect(pullDurationMs(size, scale)).toBe(ms);
  });

  it('the back-off message names the image as the spec does', () => {
    expect(imagePullBackOffMessage('nginx:1.161')).toBe('Back-off pulling image "nginx:1.161"');
  });
});

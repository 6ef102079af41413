import type { NodeRuntimeReply } from '@kubesim/api';
import { goHumanDuration, printNodeRuntime } from './node-ps.printer';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const listing: NodeRuntimeReply = {
  sandboxes: [{ id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', createdAt: NOW - 95_000, state: 'SANDBOX_READY', name: 'web', namespace: 'default', uid: 'u1', attempt: 0, ip: '10.244.1.2' }],
  containers: [
    { id: '0123456789abcdef0123', image: 'nginx:1.25', imageId: 'sha256:fedcba9876543210fedc', createdAt: NOW - 80_000, state: 'CONTAINER_RUNNING', name: 'nginx', attempt: 1, podSandboxId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', podName: 'web', podNamespace: 'default' },
    { id: '9999999999999999aaaa', image: 'nginx:1.25', imageId: 'sha256:fedcba9876543210fedc', createdAt: NOW - 90_000, state: 'CONTAINER_EXITED', name: 'nginx', attempt: 0, podSandboxId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', podName: 'web', podNamespace: 'default' },
  ],
};

describe('kubesim node ps: crictl pods, then crictl ps -a', () => {
  it('prints the sandboxes and the containers newest first, in crictl’s columns (13-character ids, tabwriter padding)', () => {
    expect(printNodeRuntime(listing, NOW)).toBe(
      [
        'POD ID              CREATED              STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME',
        'a1b2c3d4e5f60       About a minute ago   Ready               web                 default             0                   (default)',
        '',
        'CONTAINER           IMAGE               CREATED              STATE               NAME                ATTEMPT             POD ID              POD',
        '0123456789abc       fedcba9876543       About a minute ago   Running             nginx               1                   a1b2c3d4e5f60       web',
        '9999999999999       fedcba9876543       About a minute ago   Exited              nginx               0                   a1b2c3d4e5f60       web',
        '',
      ].join('\n'),
    );
  });

  it('--pod keeps one pod’s sandbox and containers', () => {
    const out = printNodeRuntime(listing, NOW, 'other');
    expect(out.trim().split('\n')).toHaveLength(3); // the two headers and the blank line between
  });

  it.each([
    [500, 'Less than a second'],
    [1000, '1 second'],
    [42_000, '42 seconds'],
    [61_000, 'About a minute'],
    [125_000, '2 minutes'],
    [3_600_000, 'About an hour'],
    [5 * 3_600_000, '5 hours'],
    [3 * 86_400_000, '3 days'],
  ])('CREATED after %i ms: %s ago (go-units HumanDuration)', (ms, text) => {
    expect(goHumanDuration(ms)).toBe(text);
  });
});

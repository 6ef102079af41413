import type { Pod } from '@kubesim/api';
import { ContainerNotFound, execContainer, execPath } from './exec-target';

const running = (name: string) => ({ name, state: { running: { startedAt: '2025-01-01T00:00:00Z' } } });
const waiting = (name: string) => ({ name, state: { waiting: { reason: 'ContainerCreating' } } });
const pod = (containers: string[], statuses: object[], inits: string[] = []) =>
  ({
    metadata: { name: 'web', namespace: 'default' },
    spec: { nodeName: 'node-1', containers: containers.map((name) => ({ name })), initContainers: inits.map((name) => ({ name })) },
    status: { phase: 'Running', containerStatuses: statuses },
  }) as unknown as Pod;

describe('exec path', () => {
  it('kubectl’s exec URL → the pod and every query value', () => {
    expect(execPath('/api/v1/namespaces/default/pods/web/exec?command=sh&command=-c&command=echo%20hi&container=c&stdout=true')).toEqual({
      namespace: 'default',
      name: 'web',
      subresource: 'exec',
      query: { command: ['sh', '-c', 'echo hi'], container: 'c', stdout: 'true' },
    });
  });

  it('kubectl attach’s URL → the pod, as an attach', () => {
    expect(execPath('/api/v1/namespaces/default/pods/web/attach?container=c&stdin=true&tty=true')).toMatchObject({ name: 'web', subresource: 'attach', query: { container: 'c' } });
  });

  it.each(['/api/v1/namespaces/default/pods/web/portforward', '/apis/apps/v1/namespaces/default/deployments/x/exec', '/healthz'])('%s is not an exec', (url) => {
    expect(execPath(url)).toBeUndefined();
  });
});

describe('exec container', () => {
  it('the only container when none is named', () => {
    expect(execContainer(pod(['app'], [running('app')]), undefined)).toBe('app');
  });

  it('several containers and none named → 400 naming the choices', () => {
    expect(() => execContainer(pod(['a', 'b'], [running('a'), running('b')], ['init']), undefined)).toThrow(
      'a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [init]',
    );
  });

  it('a name that is not in the pod → 400', () => {
    expect(() => execContainer(pod(['app'], [running('app')]), 'nope')).toThrow('container nope is not valid for pod web');
  });

  it('a container that is not running → the kubelet’s container not found', () => {
    expect(() => execContainer(pod(['app'], [waiting('app')]), 'app')).toThrow(new ContainerNotFound('app'));
    expect(() => execContainer(pod(['app'], [waiting('app')]), 'app')).toThrow('container not found ("app")');
  });
});

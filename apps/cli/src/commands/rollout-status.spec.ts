import type { Deployment } from '@kubesim/api';
import { rolloutStatus } from './rollout-status';

const d = (replicas: number, status: Deployment['status'], generation = 1) =>
  ({ metadata: { name: 'web', generation }, spec: { replicas }, status: { observedGeneration: 1, ...status } }) as unknown as Deployment;

describe('kubectl rollout status messages', () => {
  it.each([
    ['a spec change not yet observed', d(3, {}, 2), 'Waiting for deployment spec update to be observed...', false],
    ['new replicas still being created', d(3, { updatedReplicas: 1, replicas: 4 }), 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...', false],
    ['old replicas terminating', d(3, { updatedReplicas: 3, replicas: 4 }), 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...', false],
    ['updated replicas not yet available', d(3, { updatedReplicas: 3, replicas: 3, availableReplicas: 2 }), 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...', false],
    ['everything updated and available', d(3, { updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), 'deployment "web" successfully rolled out', true],
  ])('%s', (_case, deployment, message, done) => expect(rolloutStatus(deployment)).toEqual({ message, done }));

  it('fails when the progress deadline is exceeded', () => {
    const stuck = d(1, { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', lastTransitionTime: '' }] });
    expect(() => rolloutStatus(stuck)).toThrow('error: deployment "web" exceeded its progress deadline');
  });
});

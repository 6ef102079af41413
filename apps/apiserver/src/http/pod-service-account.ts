import { randomInt } from 'node:crypto';
import { admitServiceAccount, nameSuffix, serviceAccountNotFound, type Pod, type ServiceAccountLike } from '@kubesim/api';
import type { Projection } from '@kubesim/eventlog';
import { failure, StatusError } from './status';

/** For `default`, how often and how far apart the plugin looks again (the race right after a namespace is created). */
export const DEFAULT_SA_ATTEMPTS = 10;
const retryDelayMs = () => 100 + randomInt(100);

/**
 * The ServiceAccount admission plugin's edge (pods, CREATE): finds the pod's ServiceAccount in the
 * apiserver's projection — for `default` up to 10 times, 100–200 ms apart, as kube-apiserver does —
 * refuses the pod with upstream's 403 when it does not exist, and hands the rest to the pure
 * `admitServiceAccount` (@kubesim/api). Off when `--disable-admission-plugins` names ServiceAccount.
 * (The admission-chain refactor of issue 12 item 3 is meant to take this in as a plugin file.)
 */
export class PodServiceAccounts {
  constructor(
    private readonly cluster: Projection,
    readonly enabled: boolean,
  ) {}

  async admit(pod: Pod, requestName: string): Promise<Pod> {
    if (!this.enabled) return pod;
    const namespace = pod.metadata.namespace;
    const name = pod.spec.serviceAccountName || 'default';
    let sa = this.lookup(namespace, name);
    for (let i = 1; !sa && name === 'default' && i < DEFAULT_SA_ATTEMPTS; i++) {
      await new Promise((r) => setTimeout(r, retryDelayMs()));
      sa = this.lookup(namespace, name);
    }
    if (!sa) throw new StatusError(failure(403, 'Forbidden', `pods "${requestName}" is forbidden: ${serviceAccountNotFound(namespace, name)}`, { name: requestName, kind: 'pods' }));
    return admitServiceAccount(pod, sa, nameSuffix(randomInt));
  }

  private lookup(namespace: string, name: string): ServiceAccountLike | undefined {
    return this.cluster.store.get({ kind: 'ServiceAccount', namespace, name }) as ServiceAccountLike | undefined;
  }
}

/** The name admission errors use: the request's, else `generateName` (admission.NewForbidden). */
export const requestName = (body: Record<string, any>): string => body.metadata?.name || body.metadata?.generateName || 'Unknown';

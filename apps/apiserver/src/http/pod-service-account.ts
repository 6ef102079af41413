import { randomInt } from 'node:crypto';
import type { Projection } from '@kubesim/eventlog';

/** For `default`, how often and how far apart the lookup is tried (the race right after a namespace is created). */
export const DEFAULT_SA_ATTEMPTS = 10;
const retryDelayMs = () => 100 + randomInt(100);

/**
 * The waiting half of the ServiceAccount admission plugin (pods, CREATE): kube-apiserver looks for
 * `default` up to 10 times, 100–200 ms apart, before refusing, since the serviceaccount controller
 * creates it just after the namespace. Admission itself runs in the command bus's serial section and
 * cannot wait, so the entry points wait here first; the plugin (admission/service-account.plugin.ts)
 * then finds the account, or refuses with upstream's 403. Off when ServiceAccount is disabled.
 */
export class PodServiceAccounts {
  constructor(
    private readonly cluster: Projection,
    readonly enabled: boolean,
  ) {}

  async waitFor(namespace: string, serviceAccountName: unknown): Promise<void> {
    const name = typeof serviceAccountName === 'string' && serviceAccountName ? serviceAccountName : 'default';
    if (!this.enabled || name !== 'default') return;
    for (let i = 1; !this.cluster.store.get({ kind: 'ServiceAccount', namespace, name }) && i < DEFAULT_SA_ATTEMPTS; i++) {
      await new Promise((r) => setTimeout(r, retryDelayMs()));
    }
  }
}

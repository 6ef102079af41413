import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { resolveResource, type GenericObject, type KubeObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { referenceTo } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { HPA_SYNC_SECONDS, reconcileHpa } from './hpa.reconcile';

const COMPONENT = 'horizontal-pod-autoscaler';

/** The HPA controller's edge: every sync period, each autoscaler's plan carried out through the apiserver. */
@Injectable()
export class HpaController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(COMPONENT);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(ControllerManagerConfig) private readonly config: ControllerManagerConfig,
  ) {}

  onApplicationBootstrap() {
    const every = HPA_SYNC_SECONDS * 1000 * this.config.timeScale;
    const tick = async () => {
      await this.syncAll().catch((e) => this.logger.warn(`sync: ${e instanceof Error ? e.message : e}`));
      if (!this.stopped) this.timer = setTimeout(tick, every);
    };
    this.timer = setTimeout(tick, every);
  }

  onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async syncAll() {
    for (const hpa of [...this.cluster.store.list('HorizontalPodAutoscaler')] as GenericObject[]) {
      const ref = (hpa as Record<string, any>).spec?.scaleTargetRef ?? {};
      const kind = resolveResource(ref.kind ?? '')?.kind;
      const target = kind ? (this.cluster.store.get({ kind: kind as KubeObject['kind'], namespace: hpa.metadata.namespace ?? '', name: ref.name ?? '' }) as GenericObject | undefined) : undefined;
      const plan = reconcileHpa(hpa, target, Date.now());
      const { namespace = '', name } = hpa.metadata;
      if (plan.scaleTo !== undefined && target) {
        const r = await this.api.updateObject({ object: { ...target, spec: { ...(target as Record<string, any>).spec, replicas: plan.scaleTo } } as GenericObject });
        if (!r.ok) this.logger.warn(`scaling ${ref.kind}/${ref.name}: ${r.status.message}`);
      }
      await this.api.updateObjectStatus({ kind: 'HorizontalPodAutoscaler', namespace, name, status: plan.status });
      for (const e of plan.events) await this.api.recordEvent({ involvedObject: referenceTo(hpa), reason: e.reason, message: e.message, type: e.type, component: COMPONENT, by: COMPONENT });
    }
  }
}

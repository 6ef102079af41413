import { defaultPod, podCreateCauses, PodDto, podSemanticCauses, rfc3339, validateDto, type Pod } from '@kubesim/api';
import { badRequest, invalidStatus, StatusError } from '../http/status';
import type { AdmissionContext, StrategyPlugin } from './admission';

const nameOf = (body: Record<string, any>): string => (typeof body.metadata?.name === 'string' ? body.metadata.name : '');

/** The pod registry's create strategy: validation (class-validator DTO + semantic checks, 422), then defaults. */
export function admitPod(body: Record<string, any>, namespace: string, ctx: AdmissionContext): Pod {
  if (body.metadata?.namespace && body.metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const causes = [...validateDto(PodDto, body), ...podSemanticCauses(body.spec ?? {}), ...podCreateCauses(body.spec ?? {})];
  if (causes.length) throw new StatusError(invalidStatus('Pod', nameOf(body), causes));
  return defaultPod(body, namespace, { uid: ctx.uid(), now: rfc3339(ctx.now), suffix: ctx.suffix() });
}

/** Pods' strategy as one step of the admission chain (creates only: a pod update changes metadata alone). */
export const podStrategy: StrategyPlugin = {
  name: 'PodStrategy',
  handles: (kind) => kind === 'Pod',
  prepare: (a, _view, ctx) => admitPod(a.object, a.namespace, ctx),
};

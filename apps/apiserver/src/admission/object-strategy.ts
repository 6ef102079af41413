import { randomInt, randomUUID } from 'node:crypto';
import {
  defaultPodSpec,
  nameSuffix,
  podSemanticCauses,
  rfc3339,
  ServiceDto,
  validateDto,
  WorkloadDto,
  groupVersionOf,
  isGenericKind,
  nameCauses,
  plainStrategy,
  resourceOfKind,
  type GenericKind,
  type PlainKind,
  type GenericObject,
  type StatusCause,
  generatedNamePrefix,
} from '@kubesim/api';
import { selectorMatches } from '@kubesim/core';
import { badRequest, invalidStatus, StatusError } from '../http/status';
import type { AdmissionContext, StrategyPlugin } from './admission';


/** Ids and time from the process (what a caller without an AdmissionContext gets). */
export const SYSTEM_CONTEXT: AdmissionContext = { get now() { return Date.now(); }, uid: () => randomUUID(), suffix: () => nameSuffix(randomInt) };

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** ValidateServiceName: a Service's name is a DNS-1035 label (it names a DNS record and env variables). */
function serviceNameCauses(name: unknown): StatusCause[] {
  if (typeof name !== 'string' || name === '') return [];
  const causes: StatusCause[] = [];
  if (name.length > 63) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(name)}: must be no more than 63 characters`, field: 'metadata.name' });
  if (!DNS1035_LABEL.test(name)) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(name)}: ${DNS1035_MSG}`, field: 'metadata.name' });
  return causes;
}

export function objectMeta(body: Record<string, any>, namespace: string | undefined, keepIdentity: GenericObject | undefined, ctx: AdmissionContext) {
  const { deletionTimestamp: _d, deletionGracePeriodSeconds: _g, resourceVersion: _rv, ...meta } = body.metadata ?? {};
  const name = meta.name || `${generatedNamePrefix(meta.generateName)}${ctx.suffix()}`;
  return {
    ...meta,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    uid: keepIdentity?.metadata.uid ?? ctx.uid(),
    resourceVersion: '',
    creationTimestamp: keepIdentity?.metadata.creationTimestamp ?? rfc3339(ctx.now),
  };
}

function workloadCauses(body: Record<string, any>): StatusCause[] {
  const causes = [...validateDto(WorkloadDto, body), ...podSemanticCauses(body.spec?.template?.spec ?? {}, 'spec.template.spec')];
  const selector = body.spec?.selector;
  const labels = body.spec?.template?.metadata?.labels;
  if (selector && typeof selector === 'object') {
    if (!Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length) {
      causes.push({ reason: 'FieldValueInvalid', message: 'Invalid value: {}: empty selector is invalid for deployment', field: 'spec.selector' });
    } else if (!selectorMatches(selector, labels)) {
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(labels ?? {})}: \`selector\` does not match template \`labels\``, field: 'spec.template.metadata.labels' });
    }
  }
  return causes;
}

/** kube-apiserver's Service defaults (SetDefaults_Service; IP families of a single-stack IPv4 cluster). */
function serviceSpec(spec: Record<string, any>, current?: GenericObject): Record<string, unknown> {
  const type = spec.type ?? 'ClusterIP';
  const ports = (spec.ports ?? []).map((p: any) => ({ ...p, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port }));
  if (type === 'ExternalName') return { ...spec, type, sessionAffinity: spec.sessionAffinity ?? 'None', ports };
  const external = type === 'NodePort' || type === 'LoadBalancer';
  return {
    ...spec,
    type,
    sessionAffinity: spec.sessionAffinity ?? 'None',
    clusterIP: current?.kind === 'Service' && current.spec.clusterIP ? current.spec.clusterIP : (spec.clusterIP ?? ''),
    clusterIPs: current?.kind === 'Service' && current.spec.clusterIP ? current.spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [],
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    internalTrafficPolicy: spec.internalTrafficPolicy ?? 'Cluster',
    ...(external ? { externalTrafficPolicy: spec.externalTrafficPolicy ?? 'Cluster' } : {}),
    ...(type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: spec.allocateLoadBalancerNodePorts ?? true } : {}),
    ports,
  };
}

/**
 * The pod template, defaulted. `creationTimestamp: null` (what kubectl writes for Go's zero time, e.g.
 * in `rollout undo`'s patch) is dropped as Go's decoder drops it, so the template hashes as before.
 */
function template(body: Record<string, any>) {
  const { creationTimestamp, ...metadata } = body.spec.template.metadata ?? {};
  return { ...body.spec.template, metadata: { ...metadata, ...(creationTimestamp != null ? { creationTimestamp } : {}) }, spec: defaultPodSpec(body.spec.template.spec) };
}

/**
 * Validation and defaulting of a generically stored kind, as kube-apiserver's strategies do.
 * `current` is the stored object for an update (identity and status are kept).
 */
export function admit(kind: GenericKind, body: Record<string, any>, namespace: string, current?: GenericObject, ctx: AdmissionContext = SYSTEM_CONTEXT): GenericObject {
  if (body.kind && body.kind !== kind) throw badRequest(`the kind in the data (${body.kind}) does not match the expected kind (${kind})`);
  if (body.metadata?.namespace && body.metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const name = typeof body.metadata?.name === 'string' ? body.metadata.name : '';
  if (isPlainKind(kind)) return admitPlain(kind, body, namespace, current, ctx);
  const causes = kind === 'Service' ? [...serviceNameCauses(body.metadata?.name), ...validateDto(ServiceDto, body)] : workloadCauses(body);
  if (causes.length) throw new StatusError(invalidStatus(kind, name, causes, kind === 'Service' ? undefined : 'apps'));
  const metadata = objectMeta(body, namespace, current, ctx);
  const spec = body.spec;
  switch (kind) {
    case 'Service':
      return { apiVersion: 'v1', kind, metadata, spec: serviceSpec(spec, current), status: current?.status ?? { loadBalancer: {} } } as GenericObject;
    case 'ReplicaSet':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata,
        spec: { ...spec, replicas: spec.replicas ?? 1, minReadySeconds: spec.minReadySeconds ?? 0, template: template(body) },
        status: current?.status ?? { replicas: 0 },
      } as GenericObject;
    case 'Deployment':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata,
        spec: {
          ...spec,
          replicas: spec.replicas ?? 1,
          strategy:
            spec.strategy?.type === 'Recreate'
              ? { type: 'Recreate' }
              : { type: 'RollingUpdate', rollingUpdate: { maxSurge: spec.strategy?.rollingUpdate?.maxSurge ?? '25%', maxUnavailable: spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%' } },
          minReadySeconds: spec.minReadySeconds ?? 0,
          revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
          progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600,
          template: template(body),
        },
        status: current?.status ?? {},
      } as GenericObject;
    case 'DaemonSet':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata,
        spec: {
          ...spec,
          updateStrategy:
            spec.updateStrategy?.type === 'OnDelete'
              ? { type: 'OnDelete' }
              : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, maxSurge: spec.updateStrategy?.rollingUpdate?.maxSurge ?? 0 } },
          revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
          minReadySeconds: spec.minReadySeconds ?? 0,
          template: template(body),
        },
        status: current?.status ?? { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
      } as GenericObject;
    default:
      return admitPlain(kind, body, namespace, current, ctx);
  }
}

const TYPED = new Set<string>(['Service', 'ReplicaSet', 'Deployment', 'DaemonSet']);
const isPlainKind = (kind: GenericKind): kind is PlainKind => !TYPED.has(kind);

/**
 * A kind served from its declaration alone: the body as given, with server-set metadata, the
 * declared apiVersion, the kind's strategy (defaults, 422 causes) and, on update, the stored status.
 */
function admitPlain(kind: PlainKind, body: Record<string, any>, namespace: string, current: GenericObject | undefined, ctx: AdmissionContext): GenericObject {
  const decl = resourceOfKind(kind)!;
  const strategy = plainStrategy(kind);
  const name = typeof body.metadata?.name === 'string' ? body.metadata.name : '';
  const nameErrors = nameCauses(body.metadata?.name, body.metadata?.generateName);
  const { status: _status, ...rest } = body;
  // The strategy sees the server-set metadata (the Job's generated selector needs the new uid).
  const metadata = objectMeta(body, decl.namespaced ? namespace : undefined, current, ctx);
  const prepared = strategy.prepare ? strategy.prepare({ ...rest, metadata }, current) : { ...rest, metadata };
  const causes = [...nameErrors, ...(strategy.validate?.(prepared, current) ?? [])];
  if (causes.length) throw new StatusError(invalidStatus(kind, name, causes, decl.group || undefined));
  const hasStatus = (decl.subresources ?? []).includes('status');
  return {
    ...prepared,
    apiVersion: groupVersionOf(decl),
    kind,
    metadata: prepared.metadata,
    ...(hasStatus ? { status: current?.status ?? strategy.initialStatus?.(prepared) ?? {} } : {}),
  } as GenericObject;
}

/** The strategies of the generically stored kinds, as one step of the admission chain. */
export const objectStrategy: StrategyPlugin = {
  name: 'ObjectStrategy',
  handles: isGenericKind,
  prepare: (a, _view, ctx) => admit(a.kind as GenericKind, a.object, a.namespace, a.old as GenericObject | undefined, ctx),
};

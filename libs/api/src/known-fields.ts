/**
 * The fields kube-apiserver knows for the objects kubesim admits, so that an unknown one is
 * refused as with `fieldValidation=Strict` (kubectl's default): `strict decoding error: unknown
 * field "spec.containers[0].imagee"`. `'map'` = free keys (labels, resources); `'any'` = not checked.
 */
type ListOf = { list: Schema };
type Schema = { [field: string]: Schema | ListOf | 'map' | 'any' | 'scalar' };

const S = 'scalar' as const;
const M = 'map' as const;
const A = 'any' as const;
const list = (s: Schema): ListOf => ({ list: s });

const ownerReference: Schema = { apiVersion: S, kind: S, name: S, uid: S, controller: S, blockOwnerDeletion: S };
export const OBJECT_META: Schema = {
  name: S, generateName: S, namespace: S, selfLink: S, uid: S, resourceVersion: S, generation: S, creationTimestamp: S,
  deletionTimestamp: S, deletionGracePeriodSeconds: S, labels: M, annotations: M, ownerReferences: list(ownerReference), finalizers: A, managedFields: A,
};

const httpGet: Schema = { path: S, port: S, host: S, scheme: S, httpHeaders: list({ name: S, value: S }) };
const handler: Schema = { exec: { command: A }, httpGet, tcpSocket: { port: S, host: S }, sleep: { seconds: S } };
const probe: Schema = {
  exec: { command: A }, httpGet, tcpSocket: { port: S, host: S }, grpc: { port: S, service: S },
  initialDelaySeconds: S, timeoutSeconds: S, periodSeconds: S, successThreshold: S, failureThreshold: S, terminationGracePeriodSeconds: S,
};
const container: Schema = {
  name: S, image: S, command: A, args: A, workingDir: S,
  ports: list({ name: S, hostPort: S, containerPort: S, protocol: S, hostIP: S }),
  envFrom: A, env: list({ name: S, value: S, valueFrom: A }),
  resources: { limits: M, requests: M, claims: A }, resizePolicy: A, restartPolicy: S, restartPolicyRules: A,
  volumeMounts: list({ name: S, readOnly: S, recursiveReadOnly: S, mountPath: S, subPath: S, mountPropagation: S, subPathExpr: S }),
  volumeDevices: A, livenessProbe: probe, readinessProbe: probe, startupProbe: probe,
  lifecycle: { postStart: handler, preStop: handler, stopSignal: S },
  terminationMessagePath: S, terminationMessagePolicy: S, imagePullPolicy: S, securityContext: A, stdin: S, stdinOnce: S, tty: S,
};
const requirement: Schema = { key: S, operator: S, values: A };
const labelSelector: Schema = { matchLabels: M, matchExpressions: list(requirement) };
const nodeSelectorTerm: Schema = { matchExpressions: list(requirement), matchFields: list(requirement) };
const podAffinityTerm: Schema = { labelSelector, namespaces: A, namespaceSelector: labelSelector, topologyKey: S, matchLabelKeys: A, mismatchLabelKeys: A };
const podAffinity: Schema = {
  requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: list({ weight: S, podAffinityTerm }),
};
const affinity: Schema = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: list(nodeSelectorTerm) },
    preferredDuringSchedulingIgnoredDuringExecution: list({ weight: S, preference: nodeSelectorTerm }),
  },
  podAffinity,
  podAntiAffinity: podAffinity,
};
const topologySpreadConstraint: Schema = {
  maxSkew: S, topologyKey: S, whenUnsatisfiable: S, labelSelector, minDomains: S, nodeAffinityPolicy: S, nodeTaintsPolicy: S, matchLabelKeys: A,
};
export const POD_SPEC: Schema = {
  volumes: A, initContainers: list(container), containers: list(container), ephemeralContainers: A, restartPolicy: S,
  terminationGracePeriodSeconds: S, activeDeadlineSeconds: S, dnsPolicy: S, nodeSelector: M, serviceAccountName: S, serviceAccount: S,
  automountServiceAccountToken: S, nodeName: S, hostNetwork: S, hostPID: S, hostIPC: S, shareProcessNamespace: S, securityContext: A,
  imagePullSecrets: A, hostname: S, subdomain: S, affinity, schedulerName: S,
  tolerations: list({ key: S, operator: S, value: S, effect: S, tolerationSeconds: S }),
  hostAliases: A, priorityClassName: S, priority: S, dnsConfig: A, readinessGates: A, runtimeClassName: S, enableServiceLinks: S,
  preemptionPolicy: S, overhead: M, topologySpreadConstraints: list(topologySpreadConstraint), setHostnameAsFQDN: S, os: A, hostUsers: S, schedulingGates: A,
  resourceClaims: A, resources: A,
};
export const POD: Schema = { apiVersion: S, kind: S, metadata: OBJECT_META, spec: POD_SPEC, status: A };
const template: Schema = { metadata: OBJECT_META, spec: POD_SPEC };
const workloadSpec: Schema = {
  replicas: S, selector: A, template, minReadySeconds: S, strategy: A, revisionHistoryLimit: S, progressDeadlineSeconds: S, paused: S, updateStrategy: A,
};
export const WORKLOAD: Schema = { apiVersion: S, kind: S, metadata: OBJECT_META, spec: workloadSpec, status: A };
export const SERVICE: Schema = {
  apiVersion: S, kind: S, metadata: OBJECT_META, status: A,
  spec: {
    type: S, selector: M, ports: list({ name: S, protocol: S, appProtocol: S, port: S, targetPort: S, nodePort: S }), clusterIP: S, clusterIPs: A,
    externalIPs: A, sessionAffinity: S, sessionAffinityConfig: A, loadBalancerIP: S, loadBalancerSourceRanges: A, externalName: S,
    externalTrafficPolicy: S, healthCheckNodePort: S, publishNotReadyAddresses: S, ipFamilies: A, ipFamilyPolicy: S,
    allocateLoadBalancerNodePorts: S, loadBalancerClass: S, internalTrafficPolicy: S, trafficDistribution: S,
  },
};

const isList = (s: unknown): s is ListOf => typeof s === 'object' && s !== null && Object.keys(s).length === 1 && 'list' in s;

/** Every field of `value` that `schema` does not know, as Kubernetes writes its path. */
export function unknownFields(value: unknown, schema: Schema | ListOf | 'map' | 'any' | 'scalar', path = ''): string[] {
  if (schema === 'map' || schema === 'any' || schema === 'scalar' || value === null || typeof value !== 'object') return [];
  if (isList(schema)) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((v, i) => unknownFields(v, schema.list, `${path}[${i}]`));
  }
  if (Array.isArray(value)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = (schema as Schema)[k];
    const p = path ? `${path}.${k}` : k;
    if (sub === undefined) out.push(p);
    else out.push(...unknownFields(v, sub, p));
  }
  return out;
}

import type { CustomResourceVersion, GenericObject } from '@kubesim/api';

type Obj = Record<string, any>;
type ScalePaths = NonNullable<CustomResourceVersion['scale']>;

/** `.spec.replicas` → ['spec', 'replicas'] (the scale subresource's paths are simple dotted paths). */
const segments = (path: string) => path.replace(/^\./, '').split('.').filter(Boolean);

export function getPath(o: Obj, path: string): unknown {
  return segments(path).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);
}

export function setPath(o: Obj, path: string, value: unknown): Obj {
  const [head, ...rest] = segments(path);
  if (!head) return o;
  return { ...o, [head]: rest.length ? setPath((o[head] ?? {}) as Obj, rest.join('.'), value) : value };
}

/** A custom resource's autoscaling/v1 Scale, read through its CRD's `subresources.scale` paths. */
export function customScaleOf(o: GenericObject, paths: ScalePaths) {
  const selector = paths.labelSelectorPath ? getPath(o, paths.labelSelectorPath) : undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: Number(getPath(o, paths.specReplicasPath) ?? 0) },
    status: { replicas: Number(getPath(o, paths.statusReplicasPath) ?? 0), ...(typeof selector === 'string' ? { selector } : {}) },
  };
}

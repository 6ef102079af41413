import { parseQuantity, type Container, type Pod } from '@kubesim/api';

/** What the downward API reads beyond the pod object: the node's allocatable (limits default to it). */
export interface DownwardContext {
  pod: Pod;
  podIP?: string;
  hostIP?: string;
  /** Node allocatable (`cpu`, `memory`, `ephemeral-storage`): a container without a limit reports these. */
  allocatable: Readonly<Record<string, string>>;
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.*)'\]$/;

/**
 * podFieldSelectorRuntimeValue and fieldpath.ExtractFieldPathAsString: a `fieldRef.fieldPath`'s
 * value. `volume` allows the whole label/annotation maps (one `key="value"` per line, sorted) and
 * refuses the spec/status paths, as the apiserver's validation does for each place.
 */
export function fieldRefValue(ctx: DownwardContext, fieldPath: string, where: 'env' | 'volume'): string | undefined {
  const { metadata, spec } = ctx.pod;
  const sub = SUBSCRIPT.exec(fieldPath);
  if (sub) return (sub[1] === 'labels' ? metadata.labels : metadata.annotations)?.[sub[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return metadata.name;
    case 'metadata.namespace':
      return metadata.namespace;
    case 'metadata.uid':
      return metadata.uid;
    case 'metadata.labels':
      return where === 'volume' ? formatMap(metadata.labels) : undefined;
    case 'metadata.annotations':
      return where === 'volume' ? formatMap(metadata.annotations) : undefined;
  }
  if (where === 'volume') return undefined;
  switch (fieldPath) {
    case 'spec.nodeName':
      return spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return ctx.hostIP ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return ctx.podIP ?? '';
    default:
      return undefined;
  }
}

/** fieldpath.FormatMap: `key="value"` lines in key order, Go-quoted, no trailing newline. */
export function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

export interface ResourceFieldRef {
  containerName?: string;
  resource: string;
  divisor?: string | number;
}

/**
 * ExtractContainerResourceValue: `limits.cpu` … `requests.ephemeral-storage` divided by `divisor`
 * (default 1) and rounded up; an unset limit is the node's allocatable (MergeContainerResourceLimits).
 * cpu divides millicores by millicores, as upstream, so 250m / 1 → 1 and 250m / 1m → 250.
 */
export function resourceFieldValue(ctx: DownwardContext, container: Container, ref: ResourceFieldRef): string | undefined {
  const [which, name] = splitResource(ref.resource);
  if (!which) return undefined;
  const resources = (container.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> };
  let value = resources[which]?.[name];
  if (value === undefined && which === 'limits') value = ctx.allocatable[name];
  // A request defaults to its limit on admission; with neither it is 0.
  if (value === undefined && which === 'requests') value = resources.limits?.[name] ?? '0';
  const divisor = parseQuantity(ref.divisor ?? '1') || 1;
  const q = parseQuantity(value ?? '0');
  if (name === 'cpu') return String(Math.ceil(Math.round(q * 1000) / Math.round(divisor * 1000 || 1)));
  return String(Math.ceil(q / divisor - 1e-9));
}

function splitResource(resource: string): ['limits' | 'requests', string] | [undefined, string] {
  const i = resource.indexOf('.');
  const which = resource.slice(0, i);
  const name = resource.slice(i + 1);
  if ((which === 'limits' || which === 'requests') && ['cpu', 'memory', 'ephemeral-storage'].includes(name)) return [which, name];
  if ((which === 'limits' || which === 'requests') && name.startsWith('hugepages-')) return [which, name];
  return [undefined, resource];
}

/** The container a resourceFieldRef names (`containerName`, else the one being resolved). */
export function containerNamed(pod: Pod, name: string | undefined, fallback?: Container): Container | undefined {
  if (!name) return fallback;
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === name);
}

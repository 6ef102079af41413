import { conversionOf, isGenericKind, type GenericObject, type KubeObject } from '@kubesim/api';
import { notFound, refOf } from '@kubesim/core';
import { formatLabels, formatLabelSelector } from '@kubesim/printers';
import type { CommandBus, Writer } from '../commands/command-bus';
import { admitCustomStatus, admitWrite, attributesOf } from '../admission';
import { parseBody } from './body';
import { patcher, patchRequest, SCALE_SCHEMA } from './decode';
import type { ResourceInfo } from './resources';
import { failure, methodNotAllowed, StatusError } from './status';
import { customScaleOf, setPath } from './custom-resources/custom-scale';

/** A stored object in the version the request named. */
const present = (info: ResourceInfo, o: KubeObject | undefined) => (o && conversionOf(info) ? conversionOf(info)!.fromStored(o) : o);

export interface WriteReply {
  code: number;
  body: unknown;
}

/** The autoscaling/v1 Scale of a Deployment or ReplicaSet (`kubectl scale`). */
export function scaleOf(o: GenericObject) {
  const spec = (o as { spec?: Record<string, any> }).spec;
  if (typeof spec?.replicas !== 'number') throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
  // ReplicationControllers select with a map, the others with a LabelSelector.
  const selector = o.kind === 'ReplicationController' ? formatLabels(spec.selector) : formatLabelSelector(spec.selector);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: spec.replicas },
    status: { replicas: (o as { status?: { replicas?: number } }).status?.replicas ?? 0, selector: selector.replace('<none>', '') },
  };
}

/**
 * Writes to the generically stored kinds (Service, Deployment, ReplicaSet, DaemonSet): create,
 * replace, patch, delete, and the `status` and `scale` subresources.
 */
export class GenericResources {
  constructor(private readonly bus: CommandBus) {}

  async create(info: ResourceInfo, namespace: string, raw: unknown, contentType: string | undefined, by: Writer): Promise<WriteReply> {
    return this.createObject(info, namespace, parseBody(raw, contentType), by);
  }

  /** `body` is in the requested version. */
  async createObject(info: ResourceInfo, namespace: string, body: Record<string, any>, by: Writer): Promise<WriteReply> {
    const conv = conversionOf(info);
    const kind = this.kind(info);
    const r = await this.bus.execute((view) => ({ type: 'CreateObject', object: admitWrite(attributesOf('CREATE', kind, namespace, conv ? conv.toStored(body) : body), view) as GenericObject }), by);
    return { code: 201, body: present(info, r.objects[0]) };
  }

  /** `body` is in the requested version; it is converted to the stored one before admission. */
  async replace(info: ResourceInfo, current: KubeObject, body: Record<string, any>, by: Writer): Promise<WriteReply> {
    const conv = conversionOf(info);
    const kind = this.kind(info);
    const rv = body.metadata?.resourceVersion;
    const stored = conv ? conv.toStored(body) : body;
    const r = await this.bus.execute(
      (view) => ({ type: 'UpdateObject', object: admitWrite(attributesOf('UPDATE', kind, current.metadata.namespace ?? '', stored, current), view) as GenericObject, resourceVersion: rv }),
      by,
    );
    return { code: 200, body: present(info, r.objects[0] ?? current) };
  }

  async update(info: ResourceInfo, current: KubeObject, raw: unknown, contentType: string | undefined, by: Writer): Promise<WriteReply> {
    return this.replace(info, current, parseBody(raw, contentType), by);
  }

  /**
   * The patch is applied to the object as it is when the write is decided (kube-apiserver's
   * GuaranteedUpdate re-applies it on a conflict), not as the handler read it: concurrent patches
   * of one object all land. A resourceVersion in the patch stays a precondition.
   */
  async patch(info: ResourceInfo, current: KubeObject, raw: unknown, contentType: string | undefined, by: Writer): Promise<WriteReply> {
    const conv = conversionOf(info);
    const kind = this.kind(info);
    const apply = patcher(info, contentType, raw);
    const key = { kind, namespace: current.metadata.namespace ?? '', name: current.metadata.name };
    let last = current;
    const r = await this.bus.execute((view) => {
      const now = view.get(key);
      if (!now) throw notFound(refOf(kind, key.name));
      last = now;
      const patched = apply(present(info, now) as KubeObject);
      const rv = patched.metadata?.resourceVersion === now.metadata.resourceVersion ? undefined : patched.metadata?.resourceVersion;
      const body = { ...patched, metadata: { ...patched.metadata, resourceVersion: rv } };
      const stored = conv ? conv.toStored(body) : body;
      return { type: 'UpdateObject', object: admitWrite(attributesOf('UPDATE', kind, key.namespace, stored, now), view) as GenericObject, resourceVersion: rv };
    }, by);
    return { code: 200, body: present(info, r.objects[0] ?? last) };
  }

  async delete(info: ResourceInfo, current: KubeObject, by: Writer, uid?: string, orphanDependents = false, foreground = false): Promise<WriteReply> {
    const kind = this.kind(info);
    const r = await this.bus.execute({ type: 'DeleteObject', kind, namespace: current.metadata.namespace ?? '', name: current.metadata.name, uid, ...(orphanDependents ? { orphanDependents } : {}), ...(foreground ? { foreground } : {}) }, by);
    // Kept by its finalizers (`orphan` included): kube-apiserver answers with the object, now carrying its deletionTimestamp.
    if ((current.metadata.finalizers ?? []).length || orphanDependents || foreground) return { code: 200, body: r.objects[0] ?? current };
    return {
      code: 200,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: current.metadata.name, group: info.groupVersion.includes('/') ? info.groupVersion.split('/')[0] : '', kind: info.resource, uid: current.metadata.uid } },
    };
  }

  /** PUT or PATCH of `/status`: only the status changes. */
  async writeStatus(info: ResourceInfo, current: KubeObject, raw: unknown, contentType: string | undefined, method: string, by: Writer): Promise<WriteReply> {
    const given = method === 'PATCH' ? patchRequest(info, contentType, present(info, current) as KubeObject, raw) : parseBody(raw, contentType);
    return this.replaceStatus(info, current, given, method === 'PUT' ? given.metadata?.resourceVersion : undefined, by);
  }

  /** The status of `given` (in the requested version) written; `resourceVersion` a precondition when given. */
  async replaceStatus(info: ResourceInfo, current: KubeObject, given: Record<string, any>, resourceVersion: string | undefined, by: Writer): Promise<WriteReply> {
    const kind = this.kind(info);
    const conv = conversionOf(info);
    const next = conv ? conv.toStored(given) : given;
    const status = info.custom ? admitCustomStatus(kind, current as GenericObject, next.status ?? {}) : (next.status ?? {});
    const r = await this.bus.execute(
      { type: 'UpdateObjectStatus', kind, namespace: current.metadata.namespace ?? '', name: current.metadata.name, status, resourceVersion },
      by,
    );
    return { code: 200, body: present(info, r.objects[0] ?? current) };
  }

  /** GET, PUT or PATCH of `/scale`. */
  async scale(info: ResourceInfo, current: KubeObject, raw: unknown, contentType: string | undefined, method: string, by: Writer): Promise<WriteReply> {
    const o = current as GenericObject;
    const paths = info.custom?.scale;
    const read = (x: GenericObject) => (paths ? customScaleOf(x, paths) : scaleOf(x));
    const scale = read(o);
    if (method === 'GET') return { code: 200, body: scale };
    const next = method === 'PATCH' ? patchRequest(info, contentType, scale, raw, paths ? undefined : SCALE_SCHEMA) : parseBody(raw, contentType);
    const replicas = next.spec?.replicas;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw new StatusError(failure(422, 'Invalid', `Scale.autoscaling "${o.metadata.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`));
    }
    const object = (paths ? setPath(o, paths.specReplicasPath, replicas) : { ...o, spec: { ...o.spec, replicas } }) as GenericObject;
    const r = await this.bus.execute({ type: 'UpdateObject', object }, by);
    return { code: 200, body: read((r.objects[0] ?? o) as GenericObject) };
  }

  private kind(info: ResourceInfo) {
    if (!isGenericKind(info.kind)) throw methodNotAllowed('write', info.resource);
    return info.kind;
  }
}

import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import { isGenericKind, type KubeObject, type Node, type Pod } from '@kubesim/api';
import type { Request, Response } from 'express';
import { CommandBus } from '../commands/command-bus';
import { Projection } from '@kubesim/eventlog';
import { parseBody } from './body';
import { refuseServerDryRun } from './dry-run';
import { list, makeQuery } from './list';
import { createPod, deleteOptions, updatePod } from './pod-writes';
import { evictPod } from './pod-eviction';
import { parseApiPath, type ApiPath } from './request-path';
import { resourceInfo, type ResourceInfo } from './resources';
import { apiGroup, apiGroupList, apiResourceList, apiRoot } from './discovery';
import { GenericResources } from './generic-resource';
import { applyPatch } from './patch';
import { validateFields } from './field-validation';
import { updateNode } from './node-writes';
import { badRequest, failure, methodNotAllowed, StatusError, toStatus, unservedResource } from './status';
import { listReply, objectReply, watchEncoding, type Reply } from './read-output';
import { serveWatch } from './watch';
import { NAMESPACE_RESOURCE_ERRORS, createNamespace } from './namespace-writes';
import { EventLog, Leases } from '@kubesim/eventlog';
import { LeaseReads } from './leases/lease-reads';
import type { NatsConnection } from 'nats';
import { servePodLog } from './pod-log';
import { podExec } from './exec/pod-exec';
import { isTrue } from './query-flag';


/** The caller, for the log: `kubectl`, `kubesim`, or whatever the user agent says first. */
export function callerOf(req: Request): string {
  const ua = req.header('user-agent') ?? 'unknown';
  return `user:${ua.split(/[/ ]/)[0]}`;
}

/** The REST API: `/api/v1/...` (namespaces, pods, nodes, events, services) and `/apis/apps/v1/...`. */
@Controller()
export class ApiController {
  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Inject(EventLog) private readonly log: EventLog,
    @Inject(Leases) leases: Leases,
  ) {
    this.generic = new GenericResources(bus);
    this.leases = new LeaseReads(leases, cluster);
  }

  private readonly generic: GenericResources;
  private readonly leases: LeaseReads;

  @All(['api/v1', 'api/v1/*path', 'apis', 'apis/*path'])
  async handle(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const root = apiRoot(req.path, req.method);
      if (root.kind === 'groups') return void res.type('application/json').send(JSON.stringify(apiGroupList()));
      if (root.kind === 'group') return void res.type('application/json').send(JSON.stringify(apiGroup(root.group)));
      const path = parseApiPath(root.rest);
      const result = await this.route(path, req, res, root.groupVersion);
      if (result === undefined) return; // streamed
      res.status(result.code).type(result.contentType ?? 'application/json').send(JSON.stringify(result.body));
    } catch (e) {
      const status = toStatus(e);
      if (!res.headersSent) res.status(status.code).type('application/json').send(JSON.stringify(status));
      else res.end();
    }
  }

  private async route(path: ApiPath, req: Request, res: Response, groupVersion = 'v1'): Promise<Reply | undefined> {
    refuseServerDryRun(req.method, req.query.dryRun);
    if (path.kind === 'discovery') return { code: 200, body: apiResourceList(groupVersion) };
    if (path.kind === 'unknown') throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
    if (groupVersion === 'coordination.k8s.io/v1' && path.resource === 'leases') {
      return this.leases.serve(path, req.method.toUpperCase(), req.header('accept'), req.query as Record<string, unknown>);
    }
    const info = resourceInfo(path.resource, groupVersion);
    if (!info) throw unservedResource(req.method, groupVersion === 'v1' ? path.resource : `${path.resource}.${groupVersion.split('/')[0]}`, path.kind === 'collection' ? undefined : path.name);
    if (info.namespaced === false && path.namespace !== undefined) throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
    const ns = info.namespaced ? path.namespace : undefined;
    const method = req.method.toUpperCase();
    if (path.kind === 'collection' || path.kind === 'item') validateFields(info.kind, groupVersion, req, res);
    if (isGenericKind(info.kind) && method !== 'GET' || (isGenericKind(info.kind) && path.kind === 'subresource' && path.subresource === 'scale')) {
      return this.writeGeneric(info, path, ns, req);
    }
    switch (path.kind) {
      case 'collection':
        if (method === 'GET') return this.listOrWatch(info, ns, req, res);
        if (method === 'POST') return { code: 201, body: await this.create(info, ns, req) };
        throw methodNotAllowed(method, info.resource);
      case 'item': {
        const key = { kind: info.kind, namespace: ns ?? '', name: path.name };
        if (method === 'GET') return objectReply(this.get(info, key), req.header('accept'), req.query as Record<string, unknown>);
        if (method === 'PUT' && info.kind === 'Pod') {
          return { code: 200, body: await updatePod(this.bus, this.get(info, key) as Pod, parseBody(req.body, req.header('content-type')), callerOf(req)) };
        }
        if (method === 'DELETE' && info.kind === 'Pod') return { code: 200, body: await this.deletePod(key.namespace, path.name, req) };
        if (method === 'PATCH' && info.kind === 'Pod') {
          const current = this.get(info, key) as Pod;
          return { code: 200, body: await updatePod(this.bus, current, applyPatch(req.header('content-type'), current, JSON.parse(String(req.body))), callerOf(req)) };
        }
        if (method === 'DELETE' && info.kind === 'Node') {
          const node = this.get(info, key);
          await this.bus.execute({ type: 'DeleteNode', name: path.name }, { by: callerOf(req) });
          return { code: 200, body: node };
        }
        if ((method === 'PATCH' || method === 'PUT') && info.kind === 'Node') {
          return { code: 200, body: await updateNode(this.bus, this.get(info, key) as Node, req, callerOf(req)) };
        }
        throw methodNotAllowed(method, info.resource);
      }
      case 'subresource': {
        const key = { kind: info.kind, namespace: ns ?? '', name: path.name };
        if (path.subresource === 'status' && method === 'GET') return objectReply(this.get(info, key), req.header('accept'), req.query as Record<string, unknown>);
        if (path.subresource === 'eviction' && info.kind === 'Pod' && method === 'POST') {
          const body = req.body && String(req.body).trim() ? parseBody(req.body, req.header('content-type')) : {};
          await evictPod(this.bus, this.get(info, key) as Pod, body.deleteOptions, callerOf(req));
          return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
        }
        if (path.subresource === 'binding' && info.kind === 'Pod' && method === 'POST') {
          return { code: 201, body: await this.bind(key.namespace, path.name, req) };
        }
        if (path.subresource === 'log' && info.kind === 'Pod' && method === 'GET') {
          const stillThere = () => this.cluster.store.get(key) as Pod | undefined;
          return void (await servePodLog(this.nats(), this.get(info, key) as Pod, req.query as Record<string, unknown>, res, stillThere));
        }
        if (path.subresource === 'exec' && info.kind === 'Pod' && (method === 'POST' || method === 'GET')) {
          return { code: 200, body: await podExec(this.nats(), this.get(info, key) as Pod, req.query as Record<string, unknown>, req.body, req.header('content-type')) };
        }
        throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
      }
      default: {
        const _exhaustive: never = path;
        return _exhaustive;
      }
    }
  }

  private async writeGeneric(info: ResourceInfo, path: ApiPath, ns: string | undefined, req: Request): Promise<Reply> {
    const method = req.method.toUpperCase();
    const by = callerOf(req);
    const ct = req.header('content-type');
    if (path.kind === 'collection' && method === 'POST') return this.generic.create(info, ns ?? '', req.body, ct, by);
    if (path.kind !== 'item' && path.kind !== 'subresource') throw methodNotAllowed(method, info.resource);
    const current = this.get(info, { kind: info.kind, namespace: ns ?? '', name: path.name });
    if (path.kind === 'subresource') {
      if (path.subresource === 'scale') return this.generic.scale(info, current, req.body, ct, method, by);
      if (path.subresource === 'status' && (method === 'PUT' || method === 'PATCH')) return this.generic.writeStatus(info, current, req.body, ct, method, by);
      throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
    }
    if (method === 'PUT') return this.generic.update(info, current, req.body, ct, by);
    if (method === 'PATCH') return this.generic.patch(info, current, req.body, ct, by);
    if (method === 'DELETE') {
      const body = req.body && String(req.body).trim() ? parseBody(req.body, ct) : undefined;
      return this.generic.delete(info, current, by, body?.preconditions?.uid);
    }
    throw methodNotAllowed(method, info.resource);
  }

  /** The apiserver's NATS connection (logs and exec are forwarded to the pod's kubelet over it). */
  private nats(): NatsConnection {
    return this.log.nc;
  }

  private get(info: ResourceInfo, key: { kind: ResourceInfo['kind']; namespace: string; name: string }): KubeObject {
    const o = this.cluster.store.get(key);
    if (!o) {
      const group = info.groupVersion.includes('/') ? info.groupVersion.split('/')[0] : '';
      const what = group ? `${info.resource}.${group}` : info.resource;
      throw new StatusError(failure(404, 'NotFound', `${what} "${key.name}" not found`, { name: key.name, ...(group ? { group } : {}), kind: info.resource }));
    }
    return o;
  }

  private listOrWatch(info: ResourceInfo, ns: string | undefined, req: Request, res: Response) {
    const query = req.query as Record<string, unknown>;
    const q = makeQuery(info, ns, query);
    if (isTrue(req.query.watch)) {
      const timeout = req.query.timeoutSeconds !== undefined ? Number(req.query.timeoutSeconds) : undefined;
      const encoding = watchEncoding(q, req.header('accept'), query); // before streaming: a 406 is still possible
      serveWatch(
        this.cluster,
        q,
        { resourceVersion: req.query.resourceVersion as string | undefined, timeoutSeconds: timeout, allowWatchBookmarks: isTrue(req.query.allowWatchBookmarks), ...encoding },
        req,
        res,
      );
      return undefined;
    }
    return listReply(q, list(q, this.cluster.store.list(info.kind)), this.cluster.seq, req.header('accept'), query);
  }

  private async create(info: ResourceInfo, ns: string | undefined, req: Request): Promise<KubeObject> {
    const body = parseBody(req.body, req.header('content-type'));
    if (body.kind && body.kind !== info.kind) throw badRequest(`the API version in the data (${body.apiVersion ?? ''}) does not match the expected API version (v1)`);
    if (info.kind === 'Pod') return createPod(this.bus, body, ns!, callerOf(req));
    if (info.kind === 'Namespace') return createNamespace(this.bus, body, callerOf(req));
    throw new StatusError(NAMESPACE_RESOURCE_ERRORS.createNotAllowed(info.resource));
  }

  private async deletePod(namespace: string, name: string, req: Request): Promise<KubeObject> {
    const body = req.body && String(req.body).trim() ? parseBody(req.body, req.header('content-type')) : undefined;
    const opts = deleteOptions(body, req.query as Record<string, unknown>);
    const before = this.cluster.store.get({ kind: 'Pod', namespace, name });
    const r = await this.bus.execute(
      {
        type: 'DeletePod',
        namespace,
        name,
        uid: opts.preconditions?.uid,
        resourceVersion: opts.preconditions?.resourceVersion,
        gracePeriodSeconds: opts.gracePeriodSeconds,
      },
      { by: callerOf(req) },
    );
    // Still there (graceful) → the object with its deletionTimestamp; gone → its last state.
    return r.objects[0] ?? this.cluster.store.get({ kind: 'Pod', namespace, name }) ?? before!;
  }

  private async bind(namespace: string, name: string, req: Request) {
    const body = parseBody(req.body, req.header('content-type'));
    const node = body.target?.name;
    if (typeof node !== 'string' || node === '') throw badRequest('Binding target.name: Required value');
    await this.bus.execute({ type: 'BindPod', namespace, name, uid: body.metadata?.uid, node }, { by: 'default-scheduler' });
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
  }
}

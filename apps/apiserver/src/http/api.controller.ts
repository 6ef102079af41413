import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import { PodServiceAccounts } from './pod-service-account';
import { conversionOf, schemaNameOf, type KubeObject, type Subresource } from '@kubesim/api';
import type { Request, Response } from 'express';
import { CommandBus } from '../commands/command-bus';
import { EventLog, Leases, Projection } from '@kubesim/eventlog';
import { serverDryRun } from './dry-run';
import { list, listBody, makeQuery } from './list';
import { parseApiPath, type ApiPath } from './request-path';
import { resourceInfo, type ResourceInfo } from './resources';
import { AGGREGATED_DISCOVERY, aggregatedDiscovery, wantsAggregated } from './aggregated-discovery';
import { apiGroup, apiGroupList, apiResourceList, apiRoot } from './discovery';
import { validateFields } from './field-validation';
import { parseBody } from './body';
import { checkBody, SCALE_SCHEMA } from './decode';
import { customUnknownFields } from './custom-resources/custom-unknown-fields';
import { failure, methodNotAllowed, StatusError, statusHeaders, toStatus, unservedResource } from './status';
import { listReply, objectReply, watchEncoding, type Reply } from './read-output';
import { serveWatch } from './watch';
import { LeaseReads } from './leases/lease-reads';
import { isTrue } from './query-flag';
import { verbOf } from './verbs';
import { isApplyPatch, serverSideApply } from './apply';
import { resourceHandlers, type ResourceHandler, type ResourceRequest } from './handlers';
import { userOf } from '../auth/auth.middleware';
import { UNSECURED } from '../auth/authenticator';

/**
 * The caller, for the log: the authenticated user (`user:kubernetes-admin`,
 * `user:system:serviceaccount:default:builder`); under `--insecure`, where nobody is authenticated,
 * what the user agent says first (`user:kubectl`, `user:kubesim`). The client's tool stays in the
 * object's managedFields (its field manager).
 */
export function callerOf(req: Request): string {
  const user = userOf(req);
  if (user !== UNSECURED) return `user:${user.username}`;
  const ua = req.header('user-agent') ?? 'unknown';
  return `user:${ua.split(/[/ ]/)[0]}`;
}

/** Stored objects as the requested version shows them (identity unless the version converts). */
const presenter = (info: ResourceInfo): ((o: KubeObject) => unknown) | undefined => conversionOf(info)?.fromStored;

/** The type a subresource's PUT or POST body decodes into. */
const SUBRESOURCE_BODIES: Partial<Record<Subresource, (info: ResourceInfo) => string | undefined>> = {
  status: (info) => (info.custom ? undefined : schemaNameOf(info)),
  scale: (info) => (info.custom ? undefined : SCALE_SCHEMA),
  binding: () => 'io.k8s.api.core.v1.Binding',
  eviction: () => 'io.k8s.api.policy.v1.Eviction',
};

/** The body parsed once and decoded into its kind; the handlers read this object, not the text again. */
function decodedBody(info: ResourceInfo, req: Request, schema?: string): Record<string, any> {
  const body = parseBody(req.body, req.header('content-type'));
  checkBody(info, body, schema);
  return body;
}

const notFound = () => new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));

/**
 * The REST API under `/api/v1` and `/apis/<group>/<version>`, routed by the resource table
 * (`@kubesim/api` RESOURCES): a request is checked against its resource's declared verbs and
 * subresources, reads are served from the projection, writes by the handler of its storage.
 */
@Controller()
export class ApiController {
  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(CommandBus) bus: CommandBus,
    @Inject(EventLog) log: EventLog,
    @Inject(Leases) leases: Leases,
    @Inject(PodServiceAccounts) serviceAccounts: PodServiceAccounts,
  ) {
    this.handlers = resourceHandlers(bus, cluster, () => log.nc, serviceAccounts);
    this.dryRunHandlers = resourceHandlers(bus.dryRunner(), cluster, () => log.nc, serviceAccounts);
    this.leases = new LeaseReads(leases, cluster);
  }

  private readonly handlers: ReturnType<typeof resourceHandlers>;
  /** The same handlers over the dry-run bus (`?dryRun=All`): admitted and answered, nothing written. */
  private readonly dryRunHandlers: ReturnType<typeof resourceHandlers>;
  private readonly leases: LeaseReads;

  @All(['api/v1', 'api/v1/*path', 'apis', 'apis/*path'])
  async handle(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const root = apiRoot(req.path, req.method);
      if (root.kind === 'groups') {
        if (wantsAggregated(req.header('accept'))) return void res.type(AGGREGATED_DISCOVERY).send(JSON.stringify(aggregatedDiscovery('named')));
        return void res.type('application/json').send(JSON.stringify(apiGroupList()));
      }
      if (root.kind === 'group') return void res.type('application/json').send(JSON.stringify(apiGroup(root.group)));
      const result = await this.route(parseApiPath(root.rest), req, res, root.groupVersion);
      if (result === undefined) return; // streamed
      res.status(result.code).type(result.contentType ?? 'application/json').send(JSON.stringify(result.body));
    } catch (e) {
      const status = toStatus(e);
      if (!res.headersSent) res.status(status.code).set(statusHeaders(status)).type('application/json').send(JSON.stringify(status));
      else res.end();
    }
  }

  private async route(path: ApiPath, req: Request, res: Response, groupVersion: string): Promise<Reply | undefined> {
    const method = req.method.toUpperCase();
    const handlers = serverDryRun(method, req.query.dryRun) ? this.dryRunHandlers : this.handlers;
    if (path.kind === 'discovery') return { code: 200, body: apiResourceList(groupVersion) };
    if (path.kind === 'unknown') throw notFound();
    const info = resourceInfo(path.resource, groupVersion);
    if (!info) throw unservedResource(method, groupVersion === 'v1' ? path.resource : `${path.resource}.${groupVersion.split('/')[0]}`, path.kind === 'collection' ? undefined : path.name);
    if (!info.namespaced && path.namespace !== undefined) throw notFound();
    if (info.storage === 'lease') return this.leases.serve(path, method, req.header('accept'), req.query as Record<string, unknown>);
    const r: ResourceRequest = { info, namespace: info.namespaced ? (path.namespace ?? '') : '', req, res, by: callerOf(req) };
    const handler = handlers[info.storage];
    if (path.kind === 'subresource') return this.subresource(r, handler, path, method);
    const verb = verbOf(method, path, req.query as Record<string, unknown>);
    // A server-side apply creates when absent: a kind that is created but not patched here (Namespace) is applied by its handler's `apply`.
    const applyCreates = verb === 'patch' && isApplyPatch(req.header('content-type')) && info.verbs.includes('create') && handler.apply !== undefined;
    if (!verb || (!info.verbs.includes(verb) && !applyCreates)) throw methodNotAllowed(method, info.resource);
    validateFields(info.kind, groupVersion, req, res, schemaNameOf(info), info.custom ? customUnknownFields(info) : undefined);
    if (verb === 'create' || verb === 'update') req.body = decodedBody(info, req);
    const name = path.kind === 'item' ? path.name : '';
    switch (verb) {
      case 'list':
      case 'watch':
        return this.listOrWatch(info, path.namespace, req, res);
      case 'get':
        return objectReply(this.get(r, name), req.header('accept'), req.query as Record<string, unknown>, undefined, presenter(info));
      case 'create':
        return this.write(handler.create, info, method)(r);
      case 'update':
        return this.write(handler.update, info, method)(r, this.get(r, name));
      case 'patch':
        if (isApplyPatch(req.header('content-type'))) return serverSideApply(r, handler, name, this.cluster.store.get({ kind: info.kind, namespace: r.namespace, name }));
        return this.write(handler.patch, info, method)(r, this.get(r, name));
      case 'delete':
        return this.write(handler.delete, info, method)(r, this.get(r, name));
      case 'deletecollection':
        return this.deleteCollection(r, this.write(handler.delete, info, method), path.namespace);
      default: {
        const _exhaustive: never = verb;
        return _exhaustive;
      }
    }
  }

  /** A declared verb whose storage has no such write is a 405, never a silent no-op. */
  private write<F>(f: F | undefined, info: ResourceInfo, method: string): F {
    if (!f) throw methodNotAllowed(method, info.resource);
    return f;
  }

  private async subresource(r: ResourceRequest, handler: ResourceHandler, path: Extract<ApiPath, { kind: 'subresource' }>, method: string): Promise<Reply | undefined> {
    const sub = path.subresource as Subresource;
    if (!(r.info.subresources ?? []).includes(sub)) throw notFound();
    const current = this.get(r, path.name);
    if (sub === 'status' && method === 'GET') return objectReply(current, r.req.header('accept'), r.req.query as Record<string, unknown>, undefined, presenter(r.info));
    if (sub === 'status' && method === 'PATCH' && isApplyPatch(r.req.header('content-type'))) return serverSideApply(r, handler, path.name, current, 'status');
    const serve = handler.subresources?.[sub];
    if (!serve) throw methodNotAllowed(method, `${r.info.resource}/${sub}`);
    const schema = SUBRESOURCE_BODIES[sub];
    if ((method === 'PUT' || method === 'POST') && schema !== undefined) r.req.body = decodedBody(r.info, r.req, schema(r.info));
    const reply = await serve(r, current, method);
    if (reply === undefined && !r.res.headersSent) throw methodNotAllowed(method, `${r.info.resource}/${sub}`);
    return reply;
  }

  private get(r: ResourceRequest, name: string): KubeObject {
    const o = this.cluster.store.get({ kind: r.info.kind, namespace: r.namespace, name });
    if (!o) {
      const group = r.info.group;
      throw new StatusError(failure(404, 'NotFound', `${group ? `${r.info.resource}.${group}` : r.info.resource} "${name}" not found`, { name, ...(group ? { group } : {}), kind: r.info.resource }));
    }
    return o;
  }

  private listOrWatch(info: ResourceInfo, ns: string | undefined, req: Request, res: Response) {
    const query = req.query as Record<string, unknown>;
    const q = makeQuery(info, info.namespaced ? ns : undefined, query);
    if (isTrue(req.query.watch)) {
      const timeout = req.query.timeoutSeconds !== undefined ? Number(req.query.timeoutSeconds) : undefined;
      const encoding = watchEncoding(q, req.header('accept'), query, presenter(info)); // before streaming: a 406 is still possible
      serveWatch(
        this.cluster,
        q,
        { resourceVersion: req.query.resourceVersion as string | undefined, timeoutSeconds: timeout, allowWatchBookmarks: isTrue(req.query.allowWatchBookmarks), ...encoding },
        req,
        res,
      );
      return undefined;
    }
    return listReply(q, list(q, this.cluster.store.list(info.kind)), this.cluster.seq, req.header('accept'), query, undefined, presenter(info));
  }

  /** DELETE of a collection: every selected object deleted as one DELETE would; the list of them back. */
  private async deleteCollection(r: ResourceRequest, remove: NonNullable<ResourceHandler['delete']>, ns: string | undefined): Promise<Reply> {
    const query = r.req.query as Record<string, unknown>;
    const q = makeQuery(r.info, r.info.namespaced ? ns : undefined, query);
    const selected = list(q, this.cluster.store.list(r.info.kind));
    const deleted: KubeObject[] = [];
    for (const o of selected) {
      await remove({ ...r, namespace: o.metadata.namespace ?? '' }, o);
      deleted.push(o);
    }
    return { code: 200, body: listBody(q, deleted.map((o) => (presenter(r.info)?.(o) ?? o) as KubeObject), this.cluster.seq) };
  }
}
